// Photos from phones on slow connections, in the admin.
//
// `newsroomPhotos.shrink(file)` is shared with body_upload.js (photos put
// into a story's body): a JPEG larger than the site ever shows, or heavier
// than 600 KB, is made smaller in the browser before it is sent (long side
// at most 2,560 px, turned upright from its EXIF orientation, quality 0.85,
// lowered step by step to 0.7, then made narrower, while the file is over
// 600 KB), so a 3 MB phone photo goes up as a few hundred KB; the server
// still checks and processes it as always.
//
// The photo form (the library, and the lead photo's pop-up) uses it too,
// shows how far the upload has got next to its buttons, and sends once:
// a second tap on Simpan while a photo is on its way does nothing.
// Without this script (or without canvas support) the form posts as usual.
window.newsroomPhotos = (() => {
  "use strict";

  const MAX_SIDE = 2560;
  const QUALITIES = [0.85, 0.8, 0.75, 0.7];
  const NARROWER = 0.8; // each step once the lowest quality is still too heavy
  const BUDGET = 600 * 1024; // bytes: about 12 s at 400 kbit/s

  const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;

  async function encode(bitmap, side) {
    const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    let blob = null;
    for (const quality of QUALITIES) {
      blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
      if (!blob || blob.size <= BUDGET) break;
    }
    return { blob, width: canvas.width, height: canvas.height };
  }

  // A smaller upright JPEG for `file`: {file, width, height}, or null when
  // it is better sent as it is (not a JPEG, not readable here, small enough).
  async function shrink(file) {
    if (!file || file.type !== "image/jpeg" || !window.createImageBitmap) return null;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch (error) {
      return null; // not readable here: let the server say what is wrong
    }
    let side = Math.max(bitmap.width, bitmap.height);
    if (side <= MAX_SIDE && file.size <= BUDGET) return null;
    side = Math.min(side, MAX_SIDE);
    let made = await encode(bitmap, side);
    while (made.blob && made.blob.size > BUDGET && side > 800) {
      side = Math.round(side * NARROWER);
      made = await encode(bitmap, side);
    }
    if (!made.blob || made.blob.size >= file.size) return null;
    const smaller = new File([made.blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", {
      type: "image/jpeg",
    });
    return { file: smaller, width: made.width, height: made.height };
  }

  return { shrink, kb, BUDGET };
})();

document.addEventListener("DOMContentLoaded", () => {
  "use strict";

  const { shrink, kb } = window.newsroomPhotos;
  const form = document.getElementById("photo_form");
  const input = form && form.querySelector('input[type="file"][name="image"]');
  if (!input || !window.createImageBitmap || !window.DataTransfer) return;

  const progress = document.createElement("div");
  progress.className = "upload-progress";
  const note = document.createElement("p");
  note.className = "upload-note";
  note.setAttribute("role", "status");
  const bar = document.createElement("progress");
  bar.max = 100;
  bar.hidden = true;
  progress.append(note, bar);
  input.after(progress);

  let shrinking = Promise.resolve();
  let sending = false;

  async function shrinkChosen() {
    const file = input.files[0];
    const smaller = await shrink(file);
    if (!smaller) return;
    const files = new DataTransfer();
    files.items.add(smaller.file);
    input.files = files.files;
    note.textContent =
      `Foto diperkecil sebelum dikirim: ${kb(file.size)} → ${kb(smaller.file.size)}` +
      ` (${smaller.width}×${smaller.height} px).`;
  }

  input.addEventListener("change", () => {
    note.textContent = "Menyiapkan foto…";
    shrinking = shrinkChosen().finally(() => {
      if (note.textContent === "Menyiapkan foto…") note.textContent = "";
    });
  });

  const buttons = () => form.querySelectorAll('[type="submit"]');

  function done() {
    sending = false;
    for (const button of buttons()) button.disabled = false;
  }

  form.addEventListener("submit", async (event) => {
    if (sending) {
      event.preventDefault(); // a second tap while the photo is on its way
      return;
    }
    if (!input.files.length) return; // only texts: the usual post
    event.preventDefault();
    sending = true;
    const submitter = event.submitter;
    for (const button of buttons()) button.disabled = true;
    // Where the finger is: by the buttons (on a phone the file field is
    // far above them).
    const row = form.querySelector(".submit-row");
    if (row) row.prepend(progress);
    progress.scrollIntoView({ block: "nearest" });
    await shrinking;
    const data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    const request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    bar.value = 0;
    bar.hidden = false;
    request.upload.addEventListener("progress", (step) => {
      if (!step.lengthComputable) return;
      bar.value = Math.round((100 * step.loaded) / step.total);
      note.textContent = `Mengunggah foto… ${bar.value}% (${kb(step.loaded)} dari ${kb(step.total)})`;
    });
    request.upload.addEventListener("load", () => {
      bar.value = 100;
      note.textContent = "Foto terkirim, sedang diproses…";
    });
    request.addEventListener("load", () => {
      const posted = new URL(form.action || window.location.href, window.location.href);
      if (request.responseURL && request.responseURL !== posted.href) {
        window.location.assign(request.responseURL); // saved: Django redirected
      } else {
        document.open(); // the form again with its errors, or a popup's answer
        document.write(request.responseText);
        document.close();
      }
    });
    request.addEventListener("error", () => {
      bar.hidden = true;
      note.textContent = "Koneksi terputus: foto belum terkirim. Coba simpan lagi.";
      done();
    });
    request.send(data);
  });
});
