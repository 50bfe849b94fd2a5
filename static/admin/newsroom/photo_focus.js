// The photo form: tap the preview where the photo's point of interest is (a
// face, a sign). Every crop of the photo keeps that point in frame; the
// form's hidden focus fields carry it, and saving re-crops the sizes.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";

  const picker = document.querySelector(".focus-picker");
  const x = document.getElementById("id_focus_x");
  const y = document.getElementById("id_focus_y");
  if (!picker || !x || !y) return;
  const image = picker.querySelector("img");
  const mark = picker.querySelector(".focus-picker__mark");

  function show() {
    mark.style.left = `${Number(x.value) * 100}%`;
    mark.style.top = `${Number(y.value) * 100}%`;
  }

  image.addEventListener("click", (event) => {
    const box = image.getBoundingClientRect();
    const round = (value) => Math.min(1, Math.max(0, value)).toFixed(3);
    x.value = round((event.clientX - box.left) / box.width);
    y.value = round((event.clientY - box.top) / box.height);
    show();
  });
  show();
});
