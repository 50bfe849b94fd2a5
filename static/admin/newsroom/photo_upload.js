// The photo form in the admin, for phones on slow connections:
// - a JPEG larger than the site ever shows is made smaller in the browser
//   before it is sent (long side at most 2,560 px, turned upright from its
//   EXIF orientation, quality 0.85, lowered step by step to 0.7 while the
//   file is over 600 KB), so a 3 MB phone photo goes up as a few hundred
//   KB; the server still checks and processes it as always;
// - while it uploads, the form shows how far it has got.
// Without this script (or without canvas support) the form posts as usual.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";

  const MAX_SIDE = 2560;
  const QUALITIES = [0.85, 0.8, 0.75, 0.7];
  const BUDGET = 600 * 1024; // bytes: about 12 s at 400 kbit/s
  const form = document.getElementById("photo_form");
  const input = form && form.querySelector('input[type="file"][name="image"]');
  if (!input || !window.createImageBitmap || !window.DataTransfer) return;

  const note = document.createElement("p");
  note.className = "upload-note";
  note.setAttribute("role", "status");
  const bar = document.createElement("progress");
  bar.max = 1;
  bar.hidden = true;
  input.after(note, bar);

  const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
  let shrinking = Promise.resolve();

  async function shrink() {
    const file = input.files[0];
    if (!file || file.type !== "image/jpeg") return;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch (error) {
      return; // not readable here: let the server say what is wrong
    }
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1) return;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    let blob = null;
    for (const quality of QUALITIES) {
      blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
      if (!blob || blob.size <= BUDGET) break;
    }
    if (!blob || blob.size >= file.size) return;
    const smaller = new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", {
      type: "image/jpeg",
    });
    const files = new DataTransfer();
    files.items.add(smaller);
    input.files = files.files;
    note.textContent =
      `Foto diperkecil sebelum dikirim: ${kb(file.size)} → ${kb(smaller.size)}` +
      ` (${canvas.width}×${canvas.height} px).`;
  }

  input.addEventListener("change", () => {
    note.textContent = "Menyiapkan foto…";
    shrinking = shrink().finally(() => {
      if (note.textContent === "Menyiapkan foto…") note.textContent = "";
    });
  });

  form.addEventListener("submit", async (event) => {
    if (!input.files.length) return; // only texts: the usual post
    event.preventDefault();
    await shrinking;
    const data = new FormData(form);
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    const request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    bar.hidden = false;
    request.upload.addEventListener("progress", (progress) => {
      if (!progress.lengthComputable) return;
      bar.value = progress.loaded / progress.total;
      note.textContent = `Mengunggah foto… ${Math.round(100 * bar.value)}%`;
    });
    request.upload.addEventListener("load", () => {
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
    });
    request.send(data);
  });
});
