// Keeps the latest result in sight while the inputs are edited: a copy of the results' status line
// (.live-mini) is shown fixed at the foot of the window (<html data-status-away>, styles/main.css) while
//  - the status line is below the window (a one-column page, scrolled up among the inputs), or
//  - it is above the window and the focus is in an input that is in view (two columns, editing a stage
//    far down).
// Reading the results (the line scrolled past, no input in view) shows no copy. The position is read anew
// on every scroll, resize, focus change and input, so a jump (End, a link) cannot leave it stale. The page
// gets the copy's height as --live-h: room at its end, and scroll padding so that a focused field is never
// scrolled under the copy.
// In an embed (?embed=1) the frame is as tall as its content, so nothing stays at the foot of the reader's
// window: the copy is shown next to the focused input instead (<html data-status-near>), while the
// status line is out of the reader's sight (an IntersectionObserver, whose implicit root is the top
// page's viewport, also across origins). It floats (no clicks, no change of height) just above the
// input's field, over what the reader has passed (below, the field's own hints change as it is typed
// in), and below it when the copy above would not be wholly in the reader's window (a second observer).
(() => {
  const root = document.documentElement;
  let queued = false;
  let update;
  const queue = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(update);
    }
  };
  if (/[?&]embed=(1|true|yes)(&|$)/.test(location.search)) {
    let seen = true;
    let watched = null;
    // The field the copy is placed for, on which side, and whether that side was already swapped.
    let placedFor = null;
    let below = false;
    let swapped = false;
    const io = new IntersectionObserver((es) => {
      for (const e of es) seen = e.isIntersecting;
      queue();
    });
    const fits = new IntersectionObserver((es) => {
      const e = es[es.length - 1];
      if (!swapped && root.hasAttribute('data-status-near') && e.intersectionRatio < 0.99) {
        swapped = true;
        below = !below;
        queue();
      }
    }, { threshold: [0, 0.99, 1] });
    update = () => {
      queued = false;
      const status = document.getElementById('status');
      if (status && status !== watched) {
        if (watched) io.unobserve(watched);
        io.observe((watched = status));
      }
      const bar = document.querySelector('.live-mini');
      const a = document.activeElement;
      const field = a?.closest('.controls') && (a.closest('.field') || a);
      const show = !!(bar && field && !seen);
      root.toggleAttribute('data-status-near', show);
      if (!show) {
        placedFor = null;
        return;
      }
      const fresh = field !== placedFor;
      if (fresh) {
        placedFor = field;
        below = swapped = false;
      }
      // As wide as the field's group: placed from where the copy sits at (0, 0), whatever box it is
      // positioned in.
      const f = field.getBoundingClientRect();
      const group = (a.closest('fieldset') || field).getBoundingClientRect();
      bar.style.top = bar.style.left = '0px';
      bar.style.width = `${group.width}px`;
      const o = bar.getBoundingClientRect();
      bar.style.top = `${below ? f.bottom - o.top + 4 : f.top - o.top - o.height - 4}px`;
      bar.style.left = `${group.left - o.left}px`;
      // A new field: whether the copy above it is in sight is told afresh.
      if (fresh) {
        fits.unobserve(bar);
        fits.observe(bar);
      }
    };
    for (const e of ['focusin', 'focusout', 'input', 'resize']) addEventListener(e, queue, { passive: true });
    new MutationObserver(queue).observe(document.body, { childList: true, subtree: true, characterData: true });
    return;
  }
  // The box of the focused element when it is one of the inputs, else null.
  const focusedInput = () => {
    const a = document.activeElement;
    return a?.closest('.controls') ? a.getBoundingClientRect() : null;
  };
  update = () => {
    queued = false;
    const status = document.getElementById('status');
    const bar = document.querySelector('.live-mini');
    let show = false;
    if (status && bar) {
      const r = status.getBoundingClientRect();
      if (r.top > innerHeight) show = true;
      else if (r.bottom < 0) {
        const f = focusedInput();
        show = !!f && f.bottom > 0 && f.top < innerHeight;
      }
    }
    const shown = root.hasAttribute('data-status-away');
    if (show !== shown) root.toggleAttribute('data-status-away', show);
    if (!show) return;
    // Its height, measured again as its text changes: a result of three lines after a one-line
    // "Simulating…" (the room and the scroll padding below follow it).
    const h = bar.offsetHeight;
    const grew = h > (parseFloat(root.style.getPropertyValue('--live-h')) || 0);
    if (root.style.getPropertyValue('--live-h') !== `${h}px`) root.style.setProperty('--live-h', `${h}px`);
    // A field that the copy now covers (clicked near the foot of the window, or the copy grew over it)
    // is scrolled above it; not while the page is scrolled by hand.
    const f = focusedInput();
    if ((!shown || grew) && f && f.bottom > innerHeight - h) scrollBy(0, f.bottom - (innerHeight - h) + 8);
  };
  for (const e of ['scroll', 'resize', 'focusin', 'focusout', 'input']) addEventListener(e, queue, { passive: true });
  // The app draws the line after its wasm has loaded, and changes its text as results come in.
  new MutationObserver(queue).observe(document.body, { childList: true, subtree: true, characterData: true });
})();
