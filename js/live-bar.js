// Keeps the latest result in sight while the inputs are edited: a copy of the results' status line
// (.live-mini) is shown fixed at the foot of the window (<html data-status-away>, styles/main.css) while
//  - the status line is below the window (a one-column page, scrolled up among the inputs), or
//  - it is above the window and the focus is in an input that is in view (two columns, editing a stage
//    far down).
// Reading the results (the line scrolled past, no input in view) shows no copy. The position is read anew
// on every scroll, resize, focus change and input, so a jump (End, a link) cannot leave it stale. The page
// gets the copy's height as --live-h: room at its end, and scroll padding so that a focused field is never
// scrolled under the copy. Not in an embed (?embed=1): its frame is sized to its content there, and the
// room at the foot would change the height that it reports.
(() => {
  if (/[?&]embed=(1|true|yes)(&|$)/.test(location.search)) return;
  const root = document.documentElement;
  let queued = false;
  // The box of the focused element when it is one of the inputs, else null.
  const focusedInput = () => {
    const a = document.activeElement;
    return a?.closest('.controls') ? a.getBoundingClientRect() : null;
  };
  const update = () => {
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
    if (show === root.hasAttribute('data-status-away')) return;
    root.toggleAttribute('data-status-away', show);
    if (!show) return;
    const h = bar.offsetHeight;
    root.style.setProperty('--live-h', `${h}px`);
    // A field that the copy now covers (clicked near the foot of the window) is scrolled above it.
    const f = focusedInput();
    if (f && f.bottom > innerHeight - h) scrollBy(0, f.bottom - (innerHeight - h) + 8);
  };
  const queue = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(update);
    }
  };
  for (const e of ['scroll', 'resize', 'focusin', 'focusout', 'input']) addEventListener(e, queue, { passive: true });
  // The app draws the line after its wasm has loaded, and moves it as results come in.
  new MutationObserver(queue).observe(document.body, { childList: true, subtree: true });
})();
