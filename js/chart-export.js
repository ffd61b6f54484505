// Chart export for Funnel Lab: any chart as a standalone SVG file (the current colours and fonts inlined, so it
// looks the same outside the page) or as a PNG at twice the chart's size. Used by the SVG / PNG buttons under
// each chart (src/ui/charts.rs). A plain script: styles are set through the CSSOM, which a strict
// Content-Security-Policy allows.
(() => {
  const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linejoin', 'paint-order', 'opacity',
    'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility'];

  // color-mix() computes to `color(srgb r g b / a)`; the file says rgba(), which every SVG viewer reads.
  function rgba(c) {
    const m = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(c);
    if (!m) return c;
    const [r, g, b] = m.slice(1, 4).map((v) => Math.round(255 * Number(v)));
    return `rgba(${r}, ${g}, ${b}, ${m[4] ?? 1})`;
  }

  function standalone(figureId) {
    const svg = document.querySelector(`#${CSS.escape(figureId)} svg`);
    if (!svg) return null;
    const clone = svg.cloneNode(true);
    const from = [svg, ...svg.querySelectorAll('*')];
    const to = [clone, ...clone.querySelectorAll('*')];
    from.forEach((el, i) => {
      const cs = getComputedStyle(el);
      for (const p of PROPS) to[i].style.setProperty(p, cs.getPropertyValue(p));
    });
    const vb = svg.viewBox.baseVal;
    const NS = 'http://www.w3.org/2000/svg';
    // The chart's title and legend (HTML around the SVG on the page) drawn above it, so that the file
    // says what it shows and which colour is which model.
    const fig = svg.closest('figure');
    const title = fig.querySelector('.chart-title')?.textContent ?? '';
    const items = [...fig.querySelectorAll('.legend li')].filter((li) => li.querySelector('.swatch'));
    const cs = getComputedStyle(fig);
    // The legend's items in rows that fit the chart's width, measured in the font they are drawn in.
    const measure = document.createElement('canvas').getContext('2d');
    // The title in lines that fit the width (a phone's charts are 400 units wide).
    measure.font = `600 16px ${cs.fontFamily}`;
    const lines = [];
    // "(B − A)" stays on one line.
    for (const word of title.replace(/ − /g, '\u00a0−\u00a0').split(/ +/).filter(Boolean)) {
      const line = lines.length ? `${lines[lines.length - 1]} ${word}` : word;
      if (lines.length && measure.measureText(line).width <= vb.width - 16) lines[lines.length - 1] = line;
      else lines.push(word);
    }
    const head = lines.length ? 8 + 22 * lines.length : 0;
    measure.font = `13px ${cs.fontFamily}`;
    const placed = [];
    let x = 8;
    let row = 0;
    for (const li of items) {
      const label = li.textContent.trim();
      const w = 17 + measure.measureText(label).width;
      if (x > 8 && x + w > vb.width - 8) {
        x = 8;
        row += 1;
      }
      placed.push({ li, label, x, row });
      x += w + 16;
    }
    // Under the chart what its bands are (a fan chart's legend says it in words) and its caption, in
    // lines that fit.
    measure.font = `12px ${cs.fontFamily}`;
    const foot = [];
    // Words in lines that fit, from a new line.
    const wrap = (text) => {
      const first = foot.length;
      for (const word of text.split(/\s+/).filter(Boolean)) {
        const line = foot.length > first ? `${foot[foot.length - 1]} ${word}` : word;
        if (foot.length > first && measure.measureText(line).width <= vb.width - 16) foot[foot.length - 1] = line;
        else foot.push(word);
      }
    };
    // The scenario it belongs to first (the page's title, "Funnel Lab: …"), then what the bands are.
    const scenario = document.title.replace(/^Funnel Lab: /, '');
    if (scenario && scenario !== document.title) wrap(`Scenario: ${scenario}`);
    wrap(['.legend .bands-note', '.chart-caption'].map((q) => fig.querySelector(q)?.textContent ?? '').join(' '));
    const rows = items.length ? row + 1 : 0;
    const top = head + rows * 20 + (rows ? 4 : 0);
    const g = document.createElementNS(NS, 'g');
    g.setAttribute('transform', `translate(0 ${top})`);
    while (clone.firstChild) g.appendChild(clone.firstChild);
    clone.appendChild(g);
    const el = (name, attrs, style) => {
      const e = document.createElementNS(NS, name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      for (const [k, v] of Object.entries(style)) e.style.setProperty(k, v);
      clone.appendChild(e);
      return e;
    };
    const text = (x, y, str, size, weight) => {
      el('text', { x, y }, { 'font-size': `${size}px`, 'font-weight': weight, 'font-family': cs.fontFamily, fill: cs.color })
        .textContent = str;
    };
    lines.forEach((line, i) => text(8, 21 + 22 * i, line, 16, '600'));
    for (const { li, label, x, row } of placed) {
      const y = head + row * 20 + 16;
      const sw = getComputedStyle(li.querySelector('.swatch'));
      const dash = { dashed: '6 4', dotted: '2 3' }[sw.borderTopStyle];
      if (dash) {
        // A line's key is a short line drawn like it: dashed or dotted in its colour.
        el('line', { x1: x, x2: x + 14, y1: y - 5, y2: y - 5 },
          { stroke: sw.borderTopColor, 'stroke-width': '2.5', 'stroke-dasharray': dash });
      } else {
        const clear = sw.backgroundColor === 'rgba(0, 0, 0, 0)';
        const fill = clear ? sw.borderTopColor : rgba(sw.backgroundColor);
        // A key with a fill and a solid border (the tornado's +10% bars) keeps its outline.
        const outline = !clear && sw.borderTopStyle === 'solid'
          ? { stroke: sw.borderTopColor, 'stroke-width': '1.5' } : {};
        el('rect', { x, y: y - 11, width: 12, height: 12 }, { fill, opacity: sw.opacity, ...outline });
      }
      text(x + 17, y, label, 13, '400');
    }
    foot.forEach((line, i) => {
      el('text', { x: 8, y: top + vb.height + 18 + 16 * i }, { 'font-size': '12px', 'font-family': cs.fontFamily, fill: cs.color })
        .textContent = line;
    });
    const height = vb.height + top + (foot.length ? 10 + 16 * foot.length : 0);
    clone.setAttribute('viewBox', `0 0 ${vb.width} ${height}`);
    clone.setAttribute('xmlns', NS);
    clone.setAttribute('width', String(vb.width));
    clone.setAttribute('height', String(height));
    const bg = document.createElementNS(NS, 'rect');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    bg.style.setProperty('fill', getComputedStyle(document.body).backgroundColor);
    clone.insertBefore(bg, clone.firstChild);
    // A marker label's halo in the file's background colour (on the page it is the chart's card's).
    for (const t of clone.querySelectorAll('.marker text')) t.style.setProperty('stroke', bg.style.getPropertyValue('fill'));
    return { text: new XMLSerializer().serializeToString(clone), width: vb.width, height };
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // A short note at the foot of the page (outside the app's own DOM), read out at once, gone after 10 s.
  function note(text) {
    let n = document.getElementById('export-note');
    if (!n) {
      n = document.createElement('p');
      n.id = 'export-note';
      n.className = 'export-note';
      n.setAttribute('role', 'alert');
      document.body.appendChild(n);
    }
    n.textContent = text;
    clearTimeout(note.timer);
    note.timer = setTimeout(() => n.remove(), 10_000);
  }

  // Drawing the SVG into a canvas loads it as an image from a blob: URL, which a Content-Security-Policy
  // without `img-src blob:` (default-src 'self' alone) blocks: the visitor is told, instead of nothing happening.
  function pngFailed() {
    note(document.documentElement.lang === 'nl'
      ? "De PNG kan op deze pagina niet worden gemaakt: de Content-Security-Policy van de pagina moet img-src 'self' blob: toestaan. De SVG-download werkt wel."
      : "The PNG cannot be made on this page: its Content-Security-Policy has to allow img-src 'self' blob:. The SVG download works.");
  }

  window.FunnelLabCharts = {
    saveSvg(figureId, name) {
      const s = standalone(figureId);
      if (s) save(new Blob([s.text], { type: 'image/svg+xml' }), name);
    },
    savePng(figureId, name) {
      const s = standalone(figureId);
      if (!s) return;
      const img = new Image();
      const url = URL.createObjectURL(new Blob([s.text], { type: 'image/svg+xml' }));
      img.onload = () => {
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(s.width * 2);
        canvas.height = Math.round(s.height * 2);
        const ctx = canvas.getContext('2d');
        ctx.scale(2, 2);
        ctx.drawImage(img, 0, 0, s.width, s.height);
        URL.revokeObjectURL(url);
        canvas.toBlob((b) => (b ? save(b, name) : pngFailed()), 'image/png');
      };
      img.onerror = () => {
        URL.revokeObjectURL(url);
        pngFailed();
      };
      img.src = url;
    },
  };
})();
