// Keeps the guided tour's box (src/ui/tour.rs, fixed at one end of the window) off what a keyboard user
// must see: the element that has the focus (the box is not modal: Tab goes on into the page) and, while
// the focus is in the box, the top of the part it points at. When the box covers it, the box moves to the
// other end of the window (the one farther from it); when it covers it there too (a short window), the
// page scrolls it clear. Placed again at every focus change, at every step (the box takes the focus) and
// when the window changes size; a new step, or a new width (a phone turned: tour.rs places the step's part
// again), puts the box back where the stylesheet has it.
(() => {
  let queued = false;
  let part = null;
  let width = innerWidth;
  const place = () => {
    queued = false;
    const box = document.getElementById('tour-box');
    if (!box) return;
    const p = document.querySelector('.tour-highlight');
    if (p !== part) {
      part = p;
      box.classList.remove('tour-top', 'tour-bottom');
    }
    const a = document.activeElement;
    const el = a && a !== document.body && !box.contains(a) ? a : p;
    if (!el) return;
    const r = el.getBoundingClientRect();
    // Of a part (often taller than the window), its heading.
    const t = { left: r.left, right: r.right, top: r.top, bottom: el === p ? Math.min(r.bottom, r.top + 48) : r.bottom };
    const covers = (b) => b.left < t.right && t.left < b.right && b.top < t.bottom && t.top < b.bottom;
    let b = box.getBoundingClientRect();
    if (!covers(b)) return;
    const top = t.top + t.bottom > innerHeight;
    box.classList.toggle('tour-top', top);
    box.classList.toggle('tour-bottom', !top);
    b = box.getBoundingClientRect();
    if (covers(b)) scrollBy(0, top ? t.top - b.bottom - 8 : t.bottom - b.top + 8);
  };
  const queue = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(place);
    }
  };
  addEventListener('focusin', queue);
  addEventListener('resize', () => {
    if (innerWidth !== width) {
      width = innerWidth;
      part = null;
    }
    queue();
  });
})();
