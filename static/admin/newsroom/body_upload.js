// Photos put into a story's body go up the way the lead photo does:
// - made smaller first (`newsroomPhotos.shrink`, photo_upload.js): a 4 MB
//   phone photo goes up as at most 600 KB;
// - a bar with the percent sent, under the editor's toolbar, which stays in
//   view while one writes (CKEditor keeps it at the top of the screen);
// - one at a time: the toolbar's image button is off while a photo is on
//   its way, and a second photo dropped or pasted meanwhile waits its turn;
// - the caption, credit and alternative text are then asked for by the
//   article form's photo dialog (article_form.js); its Simpan sends once.
// The server answers a repeat of the same file within a minute with the
// first photo (articles/uploads.py), whatever happens here.
//
// CKEditor's own SimpleUploadAdapter stays as the fallback: this replaces
// it through FileRepository's createUploadAdapter once the editor is ready.
(function () {
  "use strict";

  const photos = window.newsroomPhotos; // photo_upload.js, loaded first
  if (!photos || !window.XMLHttpRequest) return;
  const { shrink, kb } = photos;
  const BUSY = "newsroom-body-upload"; // our reason for switching the button off

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // The progress shown under the toolbar of `editor`.
  function progressBox(editor) {
    const box = document.createElement("div");
    // Out of CKEditor's reset of its toolbar's styles (no wrapping, no bar).
    box.className = "body-upload ck-reset_all-excluded";
    box.hidden = true;
    box.style.padding = "0.4em 0.6em";
    const note = document.createElement("p");
    note.className = "body-upload-note";
    note.setAttribute("role", "status");
    note.setAttribute("aria-live", "polite");
    note.style.whiteSpace = "normal";
    note.style.margin = "0 0 0.3em";
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Unggahan foto");
    bar.style.width = "100%";
    box.append(note, bar);
    // Inside CKEditor's sticky panel, with the toolbar: on a phone it is
    // at the top of the screen while the writer is in a long body.
    editor.ui.view.toolbar.element.after(box);
    return {
      show(text, percent) {
        box.hidden = false;
        note.textContent = text;
        if (percent !== undefined) bar.value = percent;
        bar.hidden = percent === undefined;
      },
      hide() {
        box.hidden = true;
      },
    };
  }

  function install(editor, uploadUrl) {
    const repository = editor.plugins.get("FileRepository");
    const button = editor.commands.get("uploadImage");
    const progress = progressBox(editor);
    let queue = Promise.resolve(); // one upload at a time
    let waiting = 0;

    function started() {
      waiting += 1;
      if (button) button.forceDisabled(BUSY);
    }

    function finished() {
      waiting -= 1;
      if (waiting > 0) return;
      if (button) button.clearForceDisabled(BUSY);
    }

    class Adapter {
      constructor(loader) {
        this.loader = loader;
        this.request = null;
        this.aborted = false;
      }

      upload() {
        started();
        const turn = queue.then(() => this.send());
        queue = turn.catch(() => {});
        return turn.finally(finished);
      }

      abort() {
        this.aborted = true;
        if (this.request) this.request.abort();
      }

      async send() {
        const original = await this.loader.file;
        if (this.aborted) throw "Unggahan dibatalkan.";
        progress.show("Menyiapkan foto…");
        const smaller = await shrink(original);
        const file = smaller ? smaller.file : original;
        if (this.aborted) throw "Unggahan dibatalkan.";
        return new Promise((resolve, reject) => {
          const request = (this.request = new XMLHttpRequest());
          request.open("POST", uploadUrl);
          request.responseType = "json";
          request.setRequestHeader("X-CSRFToken", csrfToken());
          progress.show(`Mengunggah foto… 0% (${kb(file.size)})`, 0);
          request.upload.addEventListener("progress", (step) => {
            if (!step.lengthComputable) return;
            this.loader.uploadTotal = step.total;
            this.loader.uploaded = step.loaded;
            const percent = Math.round((100 * step.loaded) / step.total);
            progress.show(
              `Mengunggah foto… ${percent}% (${kb(step.loaded)} dari ${kb(step.total)})`,
              percent,
            );
          });
          request.upload.addEventListener("load", () => {
            progress.show("Foto terkirim, sedang diproses…", 100);
          });
          request.addEventListener("load", () => {
            const answer = request.response || {};
            if (request.status >= 200 && request.status < 300 && answer.url) {
              progress.hide();
              resolve({ default: answer.url });
              return;
            }
            const message =
              (answer.error && answer.error.message) || "Foto tidak dapat diunggah.";
            progress.show(message);
            reject(message);
          });
          request.addEventListener("error", () => {
            const message = "Koneksi terputus: foto belum terkirim. Coba sisipkan lagi.";
            progress.show(message);
            reject(message);
          });
          request.addEventListener("abort", () => {
            progress.hide();
            reject("Unggahan dibatalkan.");
          });
          const data = new FormData();
          data.append("upload", file);
          request.send(data);
        });
      }
    }

    repository.createUploadAdapter = (loader) => new Adapter(loader);
  }

  // django-ckeditor-5 makes its editors at DOMContentLoaded and lists them
  // in window.editors when ready; its one callback slot per field is the
  // article form's (article_form.js), so look for them instead.
  const installed = new WeakSet();
  function look() {
    let waitingFor = 0;
    for (const field of document.querySelectorAll("textarea.django_ckeditor_5")) {
      const editor = window.editors && window.editors[field.id];
      const address = document.getElementById(`${field.id}_script-ck-editor-5-upload-url`);
      if (!address) continue;
      if (!editor) {
        waitingFor += 1;
        continue;
      }
      if (installed.has(editor) || !editor.plugins.has("FileRepository")) continue;
      installed.add(editor);
      install(editor, address.dataset.uploadUrl);
    }
    return waitingFor;
  }

  // The photo dialog's Simpan (article_form.js) sends once: the button is
  // off from the first press until the dialog closes or says why not.
  document.addEventListener(
    "submit",
    (event) => {
      const inner = event.target.closest && event.target.closest("dialog.photo-texts form");
      if (!inner) return;
      if (inner.dataset.sending) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      const save = inner.querySelector('[type="submit"]');
      const error = inner.querySelector(".photo-texts-error");
      inner.dataset.sending = "1";
      if (save) save.disabled = true;
      if (!error) return;
      new MutationObserver((changes, observer) => {
        observer.disconnect();
        delete inner.dataset.sending;
        if (save) save.disabled = false;
      }).observe(error, { childList: true, characterData: true, subtree: true });
    },
    true,
  );

  document.addEventListener("DOMContentLoaded", () => {
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (look() === 0 || Date.now() - started > 30000) window.clearInterval(timer);
    }, 100);
  });
})();
