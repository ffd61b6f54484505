// A button that goes away while it has the focus (Cancel when its run ends, an analysis' Stop when
// the answer comes) leaves the focus on <body>: a keyboard or screen reader user loses their place.
// Such a button names where the focus goes then: `data-focus-rescue` is an element's id (its first
// enabled button, when it is no control itself).
(() => {
  document.addEventListener(
    'focusout',
    (e) => {
      const el = e.target;
      const to = !e.relatedTarget && el instanceof Element && el.getAttribute('data-focus-rescue');
      if (!to) return;
      setTimeout(() => {
        const now = document.activeElement;
        if ((now && now !== document.body) || el.isConnected) return;
        let t = document.getElementById(to);
        if (t && !t.matches('button, input, select, a[href], [tabindex]')) t = t.querySelector('button:enabled');
        if (t && !t.disabled) t.focus();
      });
    },
    true,
  );
})();
