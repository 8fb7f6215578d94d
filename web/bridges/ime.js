// IME bridge: a <canvas> gets no composition events, so while an ImGui text field is active a
// hidden <textarea> holds the focus and forwards committed text (拼音 → 汉字) to the app.
// Plain typing already reaches ImGui through GLFW's keypress listener: an `input` event that
// follows a keypress is dropped, or every character would arrive twice.
'use strict';
window.accordIme = (function () {
  const area = document.getElementById('ime');
  let active = false;
  let composing = false;
  let sawKeypress = false;

  function commit(text) {
    if (!text || !window.Module || !Module._accord_ime_commit) return;
    const len = Module.lengthBytesUTF8(text) + 1;
    const ptr = Module._malloc(len);
    Module.stringToUTF8(text, ptr, len);
    Module._accord_ime_commit(ptr);
    Module._free(ptr);
  }

  window.addEventListener('keypress', () => { sawKeypress = true; }, true);
  area.addEventListener('compositionstart', () => { composing = true; });
  area.addEventListener('compositionend', (e) => {
    composing = false;
    commit(e.data);
    area.value = '';
  });
  area.addEventListener('input', (e) => {
    if (composing || e.isComposing) return;          // wait for compositionend
    if (sawKeypress) { sawKeypress = false; area.value = ''; return; }  // GLFW delivered it
    if (e.inputType === 'insertText' || e.inputType === 'insertReplacementText') commit(e.data || area.value);
    area.value = '';
  });
  area.addEventListener('keydown', () => { sawKeypress = false; });

  // Called by the app every frame: whether a text field wants input, and where its caret is (CSS px).
  return {
    sync(wantText, x, y) {
      if (wantText) {
        area.style.left = x + 'px';
        area.style.top = y + 'px';
        if (document.activeElement !== area) area.focus({ preventScroll: true });
      } else if (active && document.activeElement === area) {
        area.blur();
      }
      active = wantText;
    },
  };
})();
