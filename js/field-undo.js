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
    // Two counts pasted with a tab between them: the app keeps one of them here (the other goes to the
    // stage's other count), which is the field's value after that step.
    if (h && h.cells?.includes(el.value)) h.after = el.value;
    if (h) h.cells = null;
    if (h && (h.after !== el.value || h.group !== group(el))) all.delete(el);
    return all.get(el);
  };
  function step(el, back) {
    const h = history(el);
    const from = h && (back ? h.undo : h.redo);
    if (!from || !from.length) return;
    const to = back ? h.redo : h.undo;
    const t = from.pop();
    to.push(snap(el));
    el.value = t.v;
    el.setSelectionRange(t.s, t.e);
    h.after = el.value;
    h.run = '';
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: back ? 'historyUndo' : 'historyRedo' }));
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
      let h = history(el);
      if (!h) all.set(el, (h = { undo: [], redo: [], run: '', caret: -1, after: el.value, group: group(el) }));
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
      h.cells = h.after.includes('\t') ? h.after.split('\t').map((c) => c.trim()) : null;
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
  // Two cells of a spreadsheet's column pasted into a stage's counts arrive with a line break between
  // them, which a one-line field turns into a space ("9000 450", read as no number): a tab instead, as
  // between two cells of a row, which the app splits into the stage's k and n. (As typed text, so that
  // the paste is a step of the field's history.)
  document.addEventListener(
    'paste',
    (ev) => {
      const el = ev.target;
      if (!isField(el) || !/^stage-\d+-(successes|observed-of)$/.test(el.id)) return;
      const text = (ev.clipboardData?.getData('text/plain') ?? '').trim();
      if (!/[\r\n]/.test(text)) return;
      ev.preventDefault();
      document.execCommand('insertText', false, text.replace(/\s*[\r\n]+\s*/g, '\t'));
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
