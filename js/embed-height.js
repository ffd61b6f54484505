// Embedded Funnel Lab (?embed=1) tells its host page how tall its content is, so the host can size the
// iframe: { type: 'funnel-lab:height', height } is posted to the parent whenever the height changes.
// A plain script (not wasm) with a ResizeObserver, so every change counts: renders, panels, width changes.
if (/[?&]embed=(1|true|yes)(&|$)/.test(location.search) && window.parent !== window) {
  let last = -1;
  const post = () => {
    // Nothing until the app has drawn itself: the empty page's height (a few pixels) would make the
    // host shrink the frame and grow it again, and the article around it jump.
    if (!document.querySelector('.app')) return;
    // The body's own height: the document's scroll height is never less than the frame's current height,
    // so a frame that got taller (a narrow phone, a longer scenario) would never get shorter again.
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // Any origin: the host is unknown, and the message carries only a height.
    window.parent.postMessage({ type: 'funnel-lab:height', height }, '*');
  };
  new ResizeObserver(post).observe(document.body);
  addEventListener('load', post);
  // Chrome holds back a cross-origin frame's resize observations while the frame is off-screen, so a
  // frame that finished drawing below the fold kept its old height until scrolled to (then jumped). A
  // check each second measures it anyway (reading the height lays the page out on demand).
  setInterval(post, 1000);
}
