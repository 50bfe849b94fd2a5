// The article page: copy-link, native sharing and the read counter. No third parties.
(function () {
  "use strict";

  document.querySelectorAll(".share-bar").forEach(function (bar) {
    var url = bar.dataset.shareUrl;
    var title = bar.dataset.shareTitle;
    var toast = bar.querySelector("[data-toast]");
    var field = bar.querySelector("[data-copy-field]");
    var timer;

    function announce() {
      // Re-setting the text makes screen readers announce it again.
      toast.textContent = "";
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

    // The phone's own share sheet, where it has one.
    var native = bar.querySelector("[data-native-share]");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {});
      });
    }
  });

  // Count one read once the page has loaded, without holding the page up.
  var article = document.querySelector("[data-read-url]");
  if (article && navigator.sendBeacon) {
    window.addEventListener("load", function () {
      navigator.sendBeacon(article.dataset.readUrl);
    });
  }
})();
