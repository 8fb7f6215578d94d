// Addresses for the canvas app: the app writes where the user is into the page's address
// (#/cases/12) with pushState/replaceState, and learns of Back, Forward and hand-edited addresses
// from popstate/hashchange (it polls `changes` every frame). Also the "leave this page?" prompt
// while a form holds unsent text: browsers show their own wording, the text here is ignored.
'use strict';
window.accordHistory = (function () {
  let known = location.hash;  // the address the app last wrote or was told about
  let changes = 0;
  let warn = false;

  function moved() {
    if (location.hash === known) return;  // popstate and hashchange both fire for one step
    known = location.hash;
    changes++;
  }
  window.addEventListener('popstate', moved);
  window.addEventListener('hashchange', moved);
  window.addEventListener('beforeunload', (e) => {
    if (!warn) return;
    e.preventDefault();
    e.returnValue = '';
  });

  return {
    hash: () => location.hash,
    changes: () => changes,
    go(hash, title, push) {
      if (hash !== location.hash) {
        if (push) history.pushState(null, '', hash);
        else history.replaceState(null, '', hash);
      }
      known = location.hash;
      if (title) document.title = title;
    },
    setLeaveWarning(on) { warn = on; },
  };
})();
