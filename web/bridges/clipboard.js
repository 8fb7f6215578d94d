// The system clipboard for the canvas app. While an ImGui text field is active, the hidden IME
// <textarea> (bridges/ime.js) has the focus, so Ctrl/⌘+C, X, V fire copy, cut and paste there:
// these events read and write the clipboard without any permission prompt. The app publishes
// what a copy would take (the field's selection) every time it changes; a paste hands the
// clipboard's text to the app. On macOS the app also hears ⌘+A/C/X/V/Z as its shortcuts (ImGui
// 1.86 in a browser knows only Ctrl).
'use strict';
window.accordClipboard = (function () {
  const area = document.getElementById('ime');
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform || '');
  let selection = '';   // what the active field would copy now ('' for none, or a password)
  let pasted = null;    // text pasted since the app last asked
  let given = null;     // what the last copy/cut event put on the clipboard
  const commands = [];  // ⌘ shortcuts since the app last asked (macOS)

  function give(e) {
    given = selection;
    if (!selection) return;  // nothing selected: the browser copies nothing, as usual
    e.clipboardData.setData('text/plain', selection);
    e.preventDefault();
  }
  area.addEventListener('copy', give);
  area.addEventListener('cut', give);  // the app removes the text itself (its Ctrl+X, or ⌘+X below)
  area.addEventListener('paste', (e) => {
    const text = e.clipboardData.getData('text/plain');
    e.preventDefault();  // the textarea stays empty; the app inserts the text
    if (text) pasted = (pasted || '') + text;
  });
  window.addEventListener('keydown', (e) => {
    if (isMac && e.metaKey && !e.ctrlKey && !e.altKey && /^[acxvzy]$/i.test(e.key)) commands.push(e.key.toUpperCase());
  }, true);

  return {
    setSelection(text) { selection = text; },
    // ImGui copied `text`. The copy event before it normally carried the same text; when it did
    // not (the selection changed between two frames), write it while the key press still counts
    // as the user's gesture.
    copied(text) {
      if (text !== given && navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {});
      given = null;
    },
    takePaste() { const t = pasted; pasted = null; return t; },
    takeCommand() { return commands.length ? commands.shift().charCodeAt(0) : 0; },
  };
})();
