// The host-page side of Funnel Lab embeds: resize each iframe to the height it reports.
addEventListener('message', (e) => {
  if (e.data && e.data.type === 'funnel-lab:height') {
    for (const f of document.querySelectorAll('iframe')) {
      if (f.contentWindow === e.source) f.style.height = `${e.data.height}px`;
    }
  }
});
