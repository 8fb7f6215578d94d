// Boots the WASM app: fetches the CJK font in parallel with app.wasm and holds main() until
// it has arrived, so the first frame already draws Chinese.
'use strict';
(function () {
  // The built site names these files by their content hash (cmake/assemble_site.cmake rewrites
  // index.html): their URLs come from the page's preload links, the same requests reused.
  const urlOf = (id, fallback) => { const link = document.getElementById(id); return link ? link.href : fallback; };
  const fontUrl = urlOf('font-url', 'fonts/accord-cjk.otf');
  const wasmUrl = urlOf('wasm-url', 'app.wasm');
  const fontPromise = fetch(fontUrl)
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error('font ' + r.status))))
    .then((buf) => new Uint8Array(buf))
    .catch((e) => { console.error('accord: font failed to load, Chinese will show as boxes', e); return null; });

  // The canvas has its own right-click behaviour (set here: the CSP allows no inline handlers).
  document.getElementById('canvas').addEventListener('contextmenu', (e) => e.preventDefault());

  window.Module = {
    canvas: document.getElementById('canvas'),
    // app.js asks for "app.wasm" by that name.
    locateFile: (path, prefix) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
    accordFont: null,
    preRun: [function () {
      Module.addRunDependency('accord-font');
      fontPromise.then((bytes) => {
        Module.accordFont = bytes;
        Module.removeRunDependency('accord-font');
      });
    }],
    onRuntimeInitialized: function () {
      document.getElementById('loading').style.display = 'none';
    },
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),
  };
})();
