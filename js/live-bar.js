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
// status line is out of the reader's sight (an IntersectionObserver: its implicit root is the top page's
// viewport, also across origins). The copy floats (no clicks, no change of height) just above the input's
// field, over what the reader has passed (below, the field's own hints change as it is typed in), or
// below it when there is no room above in sight. Where the reader's window ends is learnt from a second
// observer of the copy and the field: an element cut by an edge of the window tells where that edge is
// (the frame cannot read the host's scrolling), and the copy is placed again whenever one crosses it.
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
    // What is known of the reader's window, in the frame's coordinates: its top and bottom edges.
    let sight = [-Infinity, Infinity];
    let below = false;
    // Sides swapped since the copy was last wholly in sight: a window too short for it on either
    // side would otherwise swap it for ever.
    let flips = 0;
    let field = null;
    let bar = null;
    // Not before the reader's first edit: a reader who only tabs through the fields has no result to
    // follow, and the copy covered the fields above the focused one.
    let edited = false;
    addEventListener('input', (e) => (edited ||= !!e.target.closest?.('.controls')), { capture: true, passive: true });
    const io = new IntersectionObserver((es) => {
      for (const e of es) seen = e.isIntersecting;
      queue();
    });
    const edges = new IntersectionObserver((es) => {
      for (const e of es) {
        const [b, r] = [e.boundingClientRect, e.intersectionRect];
        // An edge learnt now makes what was known of the other one stale (the host has scrolled).
        const cut = [r.top > b.top + 0.5, r.bottom < b.bottom - 0.5];
        if (e.isIntersecting && (cut[0] || cut[1])) {
          sight = [cut[0] ? r.top : -Infinity, cut[1] ? r.bottom : Infinity];
        } else if (e.isIntersecting) {
          // Whole: the window reaches beyond it on both sides.
          sight = [Math.min(sight[0], b.top), Math.max(sight[1], b.bottom)];
          if (e.target === bar) flips = 0;
        } else if (e.target === bar) {
          // The copy wholly out of sight on its side.
          sight = below ? [-Infinity, b.top] : [b.bottom, Infinity];
        }
      }
      queue();
    }, { threshold: Array.from({ length: 21 }, (_, i) => i / 20) });
    update = () => {
      queued = false;
      const status = document.getElementById('status');
      if (status && status !== watched) {
        if (watched) io.unobserve(watched);
        io.observe((watched = status));
      }
      const copy = document.querySelector('.live-mini');
      const a = document.activeElement;
      const f = a?.closest('.controls') && !a.matches('.controls') && (a.closest('.field') || a);
      const show = !!(copy && f && !seen && edited);
      root.toggleAttribute('data-status-near', show);
      if (!show) return;
      if (f !== field || copy !== bar) {
        // A new field: above it, unless the window's edges are learnt to leave no room there.
        edges.disconnect();
        sight = [-Infinity, Infinity];
        flips = 0;
        [field, bar] = [f, copy];
        edges.observe(field);
        edges.observe(bar);
      }
      // As wide as the field's group: placed from where the copy sits at (0, 0), whatever box it is
      // positioned in.
      const box = field.getBoundingClientRect();
      const group = (a.closest('fieldset') || field).getBoundingClientRect();
      bar.style.top = bar.style.left = '0px';
      bar.style.width = `${group.width}px`;
      const o = bar.getBoundingClientRect();
      // Above the field if it is wholly in sight there; else below if it is there, else where more of
      // it is.
      const room = [box.top - 4 - o.height - sight[0], sight[1] - (box.bottom + 4 + o.height)];
      const side = room[0] < 0 && (room[1] >= 0 || room[1] > room[0]);
      if (side !== below && flips < 3) {
        below = side;
        flips += 1;
      }
      bar.style.top = `${below ? box.bottom - o.top + 4 : box.top - o.top - o.height - 4}px`;
      bar.style.left = `${group.left - o.left}px`;
    };
    for (const e of ['focusin', 'focusout', 'input', 'resize']) addEventListener(e, queue, { passive: true });
    new MutationObserver(queue).observe(document.body, { childList: true, subtree: true, characterData: true });
    return;
  }
  // The box of the focused element when it is one of the inputs, else null (also for the inputs' section
  // itself, focused after a notice is dismissed, and a panel of it, focused by the links at its head:
  // taller than the window, they were "scrolled above the copy").
  const focusedInput = () => {
    const a = document.activeElement;
    return a?.closest('.controls') && !a.matches('.controls, [tabindex="-1"]') ? a.getBoundingClientRect() : null;
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
    // is scrolled above it; not while the page is scrolled by hand, nor a field out of the window (a
    // jump to the top shows the copy: it must not take the page back down to the field).
    const f = focusedInput();
    if ((!shown || grew) && f && f.bottom > innerHeight - h && f.top < innerHeight) {
      scrollBy(0, f.bottom - (innerHeight - h) + 8);
    }
  };
  for (const e of ['scroll', 'resize', 'focusin', 'focusout', 'input']) addEventListener(e, queue, { passive: true });
  // The copy's "Charts" button jumps to the results; "Back to your input" in the run bar, shown after such a
  // jump, brings the field last edited back (focused, mid-window). Editing again hides it.
  // The app reuses a stage's fields by position (ids "stage-2-rate"): after a stage is moved or one before
  // it removed, the field is found again by its stage's group (named after the stage) and its kind; if
  // that stage is gone, Back goes to the top of the inputs.
  let lastField = null;
  let jumpedFrom = null;
  const groupOf = (e) => e?.closest('[role="group"]')?.getAttribute('aria-label') ?? null;
  const kindOf = (id) => id.replace(/^[a-z]+-\d+-/, '');
  const findField = () => {
    if (!jumpedFrom) return null;
    const same = document.getElementById(jumpedFrom.id);
    if (same?.closest('.controls') && groupOf(same) === jumpedFrom.group) return same;
    for (const g of document.querySelectorAll('.controls [role="group"]')) {
      if (g.getAttribute('aria-label') !== jumpedFrom.group) continue;
      const f = [...g.querySelectorAll('input[id], select[id], textarea[id]')].find((e) => kindOf(e.id) === kindOf(jumpedFrom.id));
      if (f) return f;
    }
    return null;
  };
  addEventListener('focusin', (e) => {
    if (e.target.closest?.('.controls') && e.target.matches('input, select, textarea')) {
      lastField = e.target;
      root.removeAttribute('data-jumped');
    }
  });
  addEventListener('click', (e) => {
    const button = e.target.closest?.('.live-jump, #back-to-input');
    if (!button) return;
    if (button.id === 'back-to-input') {
      root.removeAttribute('data-jumped');
      const f = findField() || document.getElementById('inputs');
      if (f) {
        f.focus({ preventScroll: true });
        f.scrollIntoView({ block: f.id === 'inputs' ? 'start' : 'center' });
      }
      return;
    }
    const results = document.getElementById('results');
    if (!results) return;
    jumpedFrom = lastField?.isConnected && lastField.id ? { id: lastField.id, group: groupOf(lastField) } : null;
    root.toggleAttribute('data-jumped', !!jumpedFrom);
    results.focus({ preventScroll: true });
    results.scrollIntoView(true);
  });
  // The app draws the line after its wasm has loaded, and changes its text as results come in.
  new MutationObserver(queue).observe(document.body, { childList: true, subtree: true, characterData: true });
})();
