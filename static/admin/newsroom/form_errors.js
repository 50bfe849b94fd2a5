/* A refused save: bring the first field in error into view and mark every one.
 *
 * The admin only says at the top that something is wrong; on a phone the
 * field can be a dozen screens further down, inside a widget (select2,
 * CKEditor) that Django's own aria-invalid and red border never reach.
 * So: mark each field in error where the writer sees and a screen reader
 * hears it, turn the note at the top into links to those fields, and
 * scroll to the first one and put the cursor there.
 */
"use strict";
(function () {
  const form = document.querySelector("#content-main form");
  if (!form) return;
  const rows = Array.from(form.querySelectorAll(".form-row")).filter((row) =>
    row.querySelector("ul.errorlist")
  );
  const note = document.querySelector(".errornote");
  if (!rows.length) {
    if (note) note.scrollIntoView({ block: "center" });
    return;
  }

  // What the writer types into: the visible widget, not the hidden original.
  function entry(row) {
    const candidates = row.querySelectorAll(
      ".ck-editor__editable, .select2-selection, input:not([type=hidden]), select, textarea"
    );
    for (const el of candidates) {
      if (el.disabled || el.classList.contains("select2-hidden-accessible")) continue;
      if (el.offsetParent !== null || el.getClientRects().length) return el;
    }
    return null;
  }

  // CKEditor redraws its editable's attributes: set them through its view.
  function editorOf(row) {
    const source = row.querySelector("textarea.django_ckeditor_5");
    return source && window.editors ? window.editors[source.id] : null;
  }

  function mark(row) {
    row.classList.add("has-error");
    const errors = row.querySelector("ul.errorlist");
    const editor = editorOf(row);
    if (editor) {
      const view = editor.editing.view;
      view.change((writer) => {
        writer.setAttribute("aria-invalid", "true", view.document.getRoot());
        if (errors && errors.id) writer.setAttribute("aria-describedby", errors.id, view.document.getRoot());
      });
    }
    for (const el of row.querySelectorAll(
      ".ck-editor__editable, .select2-selection, input:not([type=hidden]), select, textarea"
    )) {
      el.setAttribute("aria-invalid", "true");
      if (errors && errors.id && !(el.getAttribute("aria-describedby") || "").includes(errors.id)) {
        const described = [el.getAttribute("aria-describedby"), errors.id].filter(Boolean);
        el.setAttribute("aria-describedby", described.join(" "));
      }
    }
  }

  function label(row) {
    const text = row.querySelector("label");
    return text ? text.textContent.replace(/:\s*$/, "").trim() : "";
  }

  // The note at the top names the fields and leads to each.
  if (note && !document.querySelector(".errornote-fields")) {
    const list = document.createElement("ul");
    list.className = "errornote-fields";
    rows.forEach((row, n) => {
      const name = label(row);
      if (!name) return;
      if (!row.id) row.id = "field-error-" + (n + 1);
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#" + row.id;
      link.textContent = name;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        bring(row);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    if (list.childElementCount) note.after(list);
  }

  function bring(row) {
    mark(row);
    row.scrollIntoView({ block: "center" });
    const el = entry(row);
    if (el) {
      if (!el.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName)) {
        el.setAttribute("tabindex", "-1");
      }
      el.focus({ preventScroll: true });
    }
  }

  // The editors (CKEditor, select2) are built after this script runs and
  // move the page as they grow: mark and scroll again once they are, unless
  // the writer has begun to scroll or type in the meantime.
  let moved = false;
  for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(type, () => { moved = true; }, { once: true, passive: true });
  }
  function settle() {
    rows.forEach(mark);
    if (!moved) bring(rows[0]);
  }
  const waiting = rows.filter((row) => row.querySelector("textarea.django_ckeditor_5"));
  let tries = 0;
  function whenBuilt() {
    tries += 1;
    if (waiting.every(editorOf) || tries > 25) settle();
    else setTimeout(whenBuilt, 200);
  }
  settle();
  if (document.readyState === "complete") setTimeout(whenBuilt, 200);
  else window.addEventListener("load", () => setTimeout(whenBuilt, 200));
})();
