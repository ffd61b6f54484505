// An input's problem, said to screen readers as it appears or changes: "<group> – <label>: <message>", once
// the typing pauses. The message under a field is not a live region (it would be read at every keystroke),
// and the app's status names the problem only as "marked in red". The live region is this script's own,
// outside the app's DOM. A problem that goes away is not announced (the status says the run goes on).
(() => {
  let region, timer;
  const said = new WeakMap();
  const text = (e) => (e ? e.textContent.trim() : '');
  function say(el) {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const msg =
      el.getAttribute('aria-invalid') === 'true'
        ? ids.map((id) => document.getElementById(id)).filter((e) => e && e.classList.contains('field-error')).map(text).join(' ')
        : '';
    if (msg === (said.get(el) || '')) return;
    said.set(el, msg);
    if (!msg) return;
    const label = text(el.labels && el.labels[0]) || el.getAttribute('aria-label') || '';
    // The nearest named group: a stage or a segment ("Interest", "Segment 2: Conversion odds factor
    // per stage"), else the panel's legend.
    const g = el.closest('[role="group"][aria-label], fieldset');
    const group = g && g.matches('fieldset') ? text(g.querySelector('legend')) : (g && g.getAttribute('aria-label')) || '';
    const name = [group, label].filter(Boolean).join(' – ');
    if (!region) {
      region = document.createElement('p');
      region.id = 'field-announce';
      region.setAttribute('role', 'status');
      region.className = 'visually-hidden';
      document.body.append(region);
    }
    region.textContent = name ? `${name}: ${msg}` : msg;
  }
  document.addEventListener(
    'input',
    (e) => {
      const el = e.target;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return;
      clearTimeout(timer);
      timer = setTimeout(() => say(el), 700);
    },
    true,
  );
})();
