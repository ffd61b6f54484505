// Keeps the latest result in sight while the inputs are edited: when the results' status line is out of
// the window while an input has the focus (or, on a one-column page, while the line is below the window),
// <html> gets data-status-away and styles/main.css shows its copy (.live-mini) fixed at the foot of the
// window. Reading the results (the line scrolled past, the focus not in the inputs) shows no copy. A plain
// script with an IntersectionObserver, as embed-height.js. Not in an embed (?embed=1): its frame is sized
// to its content there, and the copy's room at the foot would change the height that it reports.
(() => {
  if (/[?&]embed=(1|true|yes)(&|$)/.test(location.search)) return;
  const root = document.documentElement;
  let away = false;
  let below = false;
  const update = () => {
    const editing = !!document.activeElement?.closest('.controls');
    root.toggleAttribute('data-status-away', away && (below || editing));
  };
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      away = !e.isIntersecting;
      below = e.boundingClientRect.top > 0;
    }
    update();
  });
  addEventListener('focusin', update);
  addEventListener('focusout', () => setTimeout(update));
  let seen = null;
  // The app draws the line after its wasm has loaded: watch the one that is there.
  new MutationObserver(() => {
    const s = document.getElementById('status');
    if (s === seen) return;
    if (seen) io.unobserve(seen);
    seen = s;
    away = false;
    if (s) io.observe(s);
    update();
  }).observe(document.body, { childList: true, subtree: true });
})();
