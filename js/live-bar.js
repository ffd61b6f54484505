// Keeps the latest result in sight while the inputs are edited on a one-column page (a phone, a narrow
// window, a zoomed projector): when the results' status line is below the window, <html> gets
// data-status-away and styles/main.css shows its copy (.live-mini) fixed at the bottom of the window.
// Above the line (reading the results) or with the line in view, the copy is hidden. A plain script
// with an IntersectionObserver, as embed-height.js; in an auto-sized embed the line is always in view.
(() => {
  const root = document.documentElement;
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) root.toggleAttribute('data-status-away', !e.isIntersecting && e.boundingClientRect.top > 0);
  });
  let seen = null;
  // The app draws the line after its wasm has loaded, and draws it anew in some layouts: watch the one
  // that is there.
  new MutationObserver(() => {
    const s = document.getElementById('status');
    if (s === seen) return;
    if (seen) io.unobserve(seen);
    seen = s;
    if (s) io.observe(s);
    else root.removeAttribute('data-status-away');
  }).observe(document.body, { childList: true, subtree: true });
})();
