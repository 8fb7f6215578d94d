// Evidence uploads: the file picker and files dropped on the canvas go to the case open in the app,
// one XMLHttpRequest each (fetch has no upload progress), with progress and the result reported to
// the app, which draws the bars and the errors. The app tells which case is open (setCase).
'use strict';
window.accordUpload = (function () {
  const picker = document.getElementById('file-picker');
  const canvas = document.getElementById('canvas');
  let caseId = 0;
  let lang = 'zh-CN';
  let next = 1;
  const requests = new Map();

  function withString(text, fn) {
    const len = Module.lengthBytesUTF8(text) + 1;
    const ptr = Module._malloc(len);
    Module.stringToUTF8(text, ptr, len);
    try { fn(ptr); } finally { Module._free(ptr); }
  }

  function finished(id, status, body) {
    requests.delete(id);
    withString(body || '', (ptr) => Module._accord_upload_done(id, status, ptr));
  }

  function send(file) {
    if (!caseId || !window.Module || !Module._accord_upload_started) return;
    const id = next++;
    withString(file.name, (ptr) => Module._accord_upload_started(id, caseId, ptr, file.size));
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/disputes/' + caseId + '/evidence');
    xhr.setRequestHeader('Accept-Language', lang);
    xhr.upload.onprogress = (e) => Module._accord_upload_progress(id, e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => finished(id, xhr.status, xhr.responseText);
    xhr.onerror = () => finished(id, 0, '');
    xhr.onabort = () => finished(id, -1, '');
    requests.set(id, xhr);
    xhr.send(form);
  }

  picker.addEventListener('change', () => {
    for (const file of picker.files) send(file);
    picker.value = '';  // picking the same file again is a new upload
  });
  canvas.addEventListener('dragover', (e) => { if (caseId) e.preventDefault(); });
  canvas.addEventListener('drop', (e) => {
    if (!caseId) return;
    e.preventDefault();
    for (const file of e.dataTransfer.files) send(file);
  });

  return {
    setCase(id, language, accept) {
      caseId = id;
      lang = language;
      if (accept) picker.accept = accept;
    },
    pick() { if (caseId) picker.click(); },
    cancel(id) { const xhr = requests.get(id); if (xhr) xhr.abort(); },
    // A download link: the server answers with Content-Disposition: attachment, so the page stays.
    download(url) {
      const a = document.createElement('a');
      a.href = url;
      a.download = '';
      document.body.appendChild(a);
      a.click();
      a.remove();
    },
  };
})();
