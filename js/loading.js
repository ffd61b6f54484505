// While the app's wasm loads (seconds on a slow phone), index.html shows a line saying so; the app
// replaces it when it starts. If loading fails (no connection, a blocked file), the line says that and
// offers a reload, instead of leaving the page blank. Checked only while the line is still there.
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
})();
