// Undo and Redo in the app's text fields take back a run of typing at a time, as in any other page.
// Chromium ends its own run of typing whenever a node is removed anywhere in the document, and the app
// redraws its results as the user types: Ctrl+Z went back one keystroke at a time. This keeps each
// field's own history: a run of typing (or of deleting) with the caret moving along is one step; a paste,
// a cut or a drop is a step of its own; focus leaving the field ends a run. A value the app sets itself (a
// language switch, Restore, a preset, a stage removed before this one) ends the field's history, as the
// browser's own undo does.
(() => {
  const all = new WeakMap();
  const isField = (el) => (el instanceof HTMLInputElement && el.type === 'text') || el instanceof HTMLTextAreaElement;
  const snap = (el) => ({ v: el.value, s: el.selectionStart, e: el.selectionEnd });
  // The group a field is in (a stage, a segment: named after it). The app reuses a stage's fields by
  // position: after a stage before it is removed, the same field is the next stage's, maybe with the
  // same value, and its Undo gave it the removed stage's earlier value.
  // (Not for a name field, whose typing renames its group: its value is the check there.)
  const group = (el) => (el.id.endsWith('-name') ? '' : el.closest('[role="group"]')?.getAttribute('aria-label') ?? '');
  // The field's history if the app has not set its value since the user last changed it, nor given
  // the field to another stage.
  const history = (el) => {
    const h = all.get(el);
    if (h && (h.after !== el.value || h.group !== group(el))) all.delete(el);
    return all.get(el);
  };
  const start = (el) => {
    let h = history(el);
    if (!h) all.set(el, (h = { undo: [], redo: [], run: '', caret: -1, after: el.value, group: group(el) }));
    return h;
  };
  // A step can have a partner in another field (a stage's k and n, set by one paste): Undo and Redo take
  // both, while the partner's own history still ends in that step.
  function step(el, back, alone) {
    const h = history(el);
    const from = h && (back ? h.undo : h.redo);
    if (!from || !from.length) return;
    const to = back ? h.redo : h.undo;
    const t = from.pop();
    to.push({ ...snap(el), partner: t.partner });
    el.value = t.v;
    el.setSelectionRange(t.s, t.e);
    h.after = el.value;
    h.run = '';
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: back ? 'historyUndo' : 'historyRedo' }));
    const other = t.partner && !alone && history(t.partner);
    if (other && (back ? other.undo : other.redo).at(-1)?.partner === el) step(t.partner, back, true);
  }
  document.addEventListener(
    'beforeinput',
    (ev) => {
      const el = ev.target;
      if (!isField(el)) return;
      const type = ev.inputType;
      if (type === 'historyUndo' || type === 'historyRedo') {
        ev.preventDefault();
        step(el, type === 'historyUndo');
        return;
      }
      const h = start(el);
      const run = /^(insertText|insertLineBreak|insertParagraph|insertCompositionText)$/.test(type)
        ? 'type'
        : /^delete(Content|Word|SoftLine|HardLine)/.test(type)
          ? 'delete'
          : '';
      if (!run || run !== h.run || el.selectionStart !== h.caret || el.selectionEnd !== h.caret) {
        h.undo.push(snap(el));
        if (h.undo.length > 200) h.undo.shift();
      }
      h.redo = [];
      h.run = run;
    },
    true,
  );
  document.addEventListener(
    'input',
    (ev) => {
      const h = all.get(ev.target);
      if (!h || ev.inputType === 'historyUndo' || ev.inputType === 'historyRedo') return;
      h.after = ev.target.value;
      h.caret = ev.target.selectionStart;
    },
    true,
  );
  document.addEventListener(
    'focusout',
    (ev) => {
      const h = all.get(ev.target);
      if (h) h.run = '';
    },
    true,
  );
  // Two cells of a spreadsheet pasted into a stage's count, a row's (a tab between them) or a column's (a
  // line break, which a one-line field made a space): the smaller count is the stage's k, the larger its n,
  // whatever was in either field and wherever the caret was (k is never more than n, so the sheet's order
  // does not matter). One step of both fields' histories. Three cells, or one without a digit, paste as
  // text (the field then says it is no number).
  document.addEventListener(
    'paste',
    (ev) => {
      const el = ev.target;
      const id = isField(el) && el.id.match(/^(stage-\d+-)(successes|observed-of)$/);
      const text = (ev.clipboardData?.getData('text/plain') ?? '').trim();
      const cells = text.split(/\s*[\t\r\n]+\s*/);
      if (!id || cells.length !== 2 || !cells.every((c) => /\d/.test(c))) return;
      const [k, n] = [`${id[1]}successes`, `${id[1]}observed-of`].map((i) => document.getElementById(i));
      if (!k || !n) return;
      ev.preventDefault();
      const count = (c) => Number(c.replace(/\D/g, ''));
      const [small, large] = count(cells[0]) <= count(cells[1]) ? cells : [cells[1], cells[0]];
      for (const [f, v, partner] of [[n, large, k], [k, small, n]]) {
        const h = start(f);
        h.undo.push({ ...snap(f), partner });
        h.redo = [];
        h.run = '';
        f.value = v;
        h.after = v;
        f.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      }
      el.setSelectionRange(el.value.length, el.value.length);
    },
    true,
  );
  // The keys, so that the browser's own undo (one keystroke at a time) does not run.
  document.addEventListener(
    'keydown',
    (ev) => {
      const el = ev.target;
      if (!isField(el) || !(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
      const key = ev.key.toLowerCase();
      const back = key === 'z' && !ev.shiftKey;
      if (!(back || (key === 'z' && ev.shiftKey) || (key === 'y' && !ev.shiftKey))) return;
      // Also with nothing to undo here: the browser's own Undo is the page's, and took back typing in
      // another field.
      ev.preventDefault();
      step(el, back);
    },
    true,
  );
})();
