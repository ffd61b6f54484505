// While the app's wasm loads (seconds on a slow phone), index.html shows a line saying so, with a bar
// of the download; the app replaces it when it starts. If loading fails (no connection, a blocked
// file), the line says that and offers a reload, instead of leaving the page blank. Checked only while
// the line is still there.
(() => {
  const fail = () => {
    const p = document.querySelector('#app > .loading');
    if (!p || p.classList.contains('failed')) return;
    p.classList.add('failed');
    p.setAttribute('role', 'alert');
    p.textContent = 'Funnel Lab could not load: check the connection, then reload. · Funnel Lab kon niet laden: controleer de verbinding en laad de pagina opnieuw. ';
    const a = document.createElement('a');
    a.href = location.href;
    a.textContent = 'Reload · Opnieuw laden';
    p.append(a);
  };
  // A script that could not be fetched (its element's error, caught on the way down), a wasm that
  // could not (boot.js's top-level await: an error on the window), or a rejected promise.
  addEventListener('error', fail, true);
  addEventListener('unhandledrejection', fail);
  // The wasm's download, shown on the line's bar (boot.js calls this with the file's size, written
  // there by scripts/externalize-loader.mjs). The bytes pass through to the streaming compile as they
  // come; the bar counts them. Without a body, a bar or streams (an old browser) the response goes on
  // as it is.
  window.funnelLabWasm = (url, size) =>
    fetch(url).then((res) => {
      const bar = document.querySelector('#app > .loading progress');
      if (!res.ok || !res.body || !bar || !(size > 0) || typeof TransformStream !== 'function') return res;
      let got = 0;
      bar.value = 0;
      const count = new TransformStream({
        transform(chunk, out) {
          got += chunk.byteLength;
          bar.value = Math.min(got / size, 1);
          out.enqueue(chunk);
        },
      });
      const { status, statusText, headers } = res;
      return new Response(res.body.pipeThrough(count), { status, statusText, headers });
    });
})();
