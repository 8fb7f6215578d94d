// Boots the WASM app: fetches the CJK font in parallel with app.wasm and holds main() until
// it has arrived, so the first frame already draws Chinese.
'use strict';
(function () {
  const fontPromise = fetch('fonts/accord-cjk.otf')
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error('font ' + r.status))))
    .then((buf) => new Uint8Array(buf))
    .catch((e) => { console.error('accord: font failed to load, Chinese will show as boxes', e); return null; });

  // The canvas has its own right-click behaviour (set here: the CSP allows no inline handlers).
  document.getElementById('canvas').addEventListener('contextmenu', (e) => e.preventDefault());

  window.Module = {
    canvas: document.getElementById('canvas'),
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
