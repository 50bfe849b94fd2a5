// Copy-link and native share for the article share bar. No third parties.
(function () {
  "use strict";
  document.querySelectorAll(".share-bar").forEach(function (bar) {
    var url = bar.dataset.shareUrl;
    var toast = bar.querySelector("[data-toast]");
    var field = bar.querySelector("[data-copy-field]");
    var timer;

    function announce() {
      toast.textContent = toast.dataset.message;
      toast.classList.add("is-visible");
      clearTimeout(timer);
      timer = setTimeout(function () { toast.classList.remove("is-visible"); }, 2500);
    }

    // Where the Clipboard API is missing (a plain-HTTP site), show the link
    // in a field, selected, and try the older copy command.
    function fallback() {
      field.closest("label").hidden = false;
      field.focus();
      field.select();
      try {
        if (document.execCommand("copy")) { announce(); }
      } catch (e) { /* the selected field lets the reader copy by hand */ }
    }

    bar.querySelector("[data-copy-link]").addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(announce, fallback);
      } else {
        fallback();
      }
    });
  });
})();
