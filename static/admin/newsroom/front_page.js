// The front page's picks: drag a row, or press its arrows, to reorder them.
// Each move posts the new order to the admin, which saves it through
// services.front_page_reorder; without this script the "urutan" field works.
(function () {
  "use strict";

  var script = document.currentScript;
  var body = document.querySelector("#result_list tbody");
  if (!script || !body) { return; }
  var status = document.querySelector(".front-page-status");
  var token = document.querySelector("[name=csrfmiddlewaretoken]");
  var dragged = null;

  function pickId(row) {
    var box = row.querySelector("input.action-select");
    return box ? box.value : null;
  }

  // Saves go one after another, in the order of the moves.
  var queue = Promise.resolve();

  function save() {
    queue = queue.then(send, send);
  }

  function send() {
    var data = new FormData();
    Array.prototype.forEach.call(body.rows, function (row) {
      if (pickId(row)) { data.append("pick", pickId(row)); }
    });
    return fetch(script.dataset.orderUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    })
      .then(function (response) { return response.json().then(function (d) { return [response.ok, d]; }); })
      .then(function (result) {
        status.textContent = result[0] ? result[1].message : result[1].error;
      })
      .catch(function () { status.textContent = script.dataset.failed; });
  }

  function button(label, text, move) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "order-button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.addEventListener("click", function (event) {
      var row = event.target.closest("tr");
      if (move(row)) { save(); b.focus(); }
    });
    return b;
  }

  Array.prototype.forEach.call(body.rows, function (row) {
    if (!pickId(row)) { return; }
    row.draggable = true;
    var cell = row.cells[0];
    var tools = document.createElement("span");
    tools.className = "order-tools";
    tools.append(
      button(script.dataset.up, "↑", function (r) {
        var before = r.previousElementSibling;
        if (!before) { return false; }
        body.insertBefore(r, before);
        return true;
      }),
      button(script.dataset.down, "↓", function (r) {
        var after = r.nextElementSibling;
        if (!after) { return false; }
        body.insertBefore(after, r);
        return true;
      })
    );
    cell.append(tools);
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("is-dragged");
      event.dataTransfer.effectAllowed = "move";
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row) { return; }
      event.preventDefault();
      var box = row.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, after ? row.nextElementSibling : row);
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("is-dragged");
      dragged = null;
      save();
    });
  });
}());
