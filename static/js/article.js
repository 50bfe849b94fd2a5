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

    // "Lainnya": the phone's own share sheet where it has one, else the list.
    var more = bar.querySelector("[data-share-more]");
    if (more && navigator.share) {
      more.querySelector("summary").addEventListener("click", function (event) {
        event.preventDefault();
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

// Embeds: the provider's player is loaded only when the reader taps "Muat".
(function () {
  "use strict";

  document.querySelectorAll("[data-embed-frame]").forEach(function (figure) {
    var button = figure.querySelector(".embed__load");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.dataset.embedFrame;
      frame.title = figure.dataset.embedTitle;
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.className = "embed__frame";
      if (figure.dataset.embedHeight) {
        frame.style.height = figure.dataset.embedHeight + "px";
      }
      figure.replaceChildren(frame);
      figure.classList.add("is-loaded");
      frame.focus();
    });
  });
})();
