// A live story: every half minute, while the page is visible, ask for the
// entries added since the newest one shown and put them in place. No
// framework; the server answers from its page cache until an entry changes.
(function () {
  "use strict";

  var list = document.querySelector("[data-live-url]");
  if (!list || !window.fetch) { return; }
  var url = list.dataset.liveUrl;
  var last = Number(list.dataset.liveLast) || 0;
  var status = document.querySelector(".live__status");
  var updated = document.querySelector(".js-live-updated");
  var EVERY = 30000;
  var timer = null;

  function place(entry) {
    var holder = document.createElement("template");
    holder.innerHTML = entry.html.trim();
    var item = holder.content.firstElementChild;
    if (document.getElementById(item.id)) { return; }  // shown already
    var empty = list.querySelector(".live__empty");
    if (empty) { empty.remove(); }
    // Newest first by the entry's time: an entry written late for an
    // earlier moment goes where it belongs.
    var at = Number(item.dataset.at);
    var before = Array.prototype.find.call(list.children, function (other) {
      return Number(other.dataset.at) < at;
    });
    list.insertBefore(item, before || null);
  }

  function poll() {
    if (document.hidden) { return; }
    // no-cache: the browser asks again each time (cheaply, with its ETag),
    // rather than trusting its copy of an answer that has not changed its URL.
    fetch(url + "?setelah=" + last, { cache: "no-cache", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 404 || response.status === 410) { stop(); }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) { return; }
        data.entries.slice().reverse().forEach(function (entry) {
          place(entry);
          last = Math.max(last, entry.id);
        });
        if (data.entries.length) {
          status.textContent = status.dataset.message;
          if (updated) { updated.textContent = data.updated; }
        }
        if (!data.running) { stop(); }
      })
      .catch(function () { /* offline for a moment: the next turn tries again */ });
  }

  function stop() {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisible);
  }

  function onVisible() {
    if (!document.hidden) { poll(); }  // back on the page: catch up at once
  }

  timer = setInterval(poll, EVERY);
  document.addEventListener("visibilitychange", onVisible);
}());
