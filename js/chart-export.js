// Chart export for Funnel Lab: any chart as a standalone SVG file (the current colours and fonts inlined, so it
// looks the same outside the page) or as a PNG at twice the chart's size. Used by the SVG / PNG buttons under
// each chart (src/ui/charts.rs). A plain script: styles are set through the CSSOM, which a strict
// Content-Security-Policy allows.
(() => {
  const PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity',
    'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility'];

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
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', String(vb.width));
    clone.setAttribute('height', String(vb.height));
    const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    bg.style.setProperty('fill', getComputedStyle(document.body).backgroundColor);
    clone.insertBefore(bg, clone.firstChild);
    return { text: new XMLSerializer().serializeToString(clone), width: vb.width, height: vb.height };
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
        canvas.toBlob((b) => b && save(b, name), 'image/png');
      };
      img.src = url;
    },
  };
})();
