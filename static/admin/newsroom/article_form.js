// The article form in the admin. Nothing typed is lost:
// - every few seconds the text is kept on this device (localStorage) and,
//   when online, as the writer's autosave copy on the server (never a
//   version, never public, and nobody else's save turns stale because of it);
// - every field is kept, not only the text: region, tags, lead photo,
//   co-authors, kind, schedule, dateline (a chosen row with its label, so
//   an autocomplete's option can be made again);
// - reopening the form offers to restore a copy newer than the saved text,
//   saying where it is from, when, and what it brings back; discarding it
//   asks first;
// - leaving with unsaved text asks first; a lost connection is shown, and
//   saving resumes when it returns;
// - the body's size shows as it nears the limit the server holds it to; a
//   body over it is kept on this device but neither autosaved nor submitted.
// Taking a story off the site asks for confirmation.
(function () {
  "use strict";

  const form = document.getElementById("article_form");
  if (!form) return;

  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });

  const configNode = document.getElementById("autosave-config");
  const config = configNode ? JSON.parse(configNode.textContent) : null;
  if (!config) return; // read-only: nothing to keep

  // The names of the fields kept, as the server keeps them (ArticleAutosave).
  const FIELDS = config.kept_fields || ["title", "summary", "body", "dateline_place"];
  const EVERY_MS = 5000;
  const status = form.querySelector(".autosave-status");
  const text = {
    saved: (when) => `Tersimpan otomatis ${when}`,
    otherHere: (who, since) => `${who} juga membuka berita ini sejak ${since}.`,
    local: "Tersimpan di perangkat ini",
    offline: "Tidak ada koneksi: teks disimpan di perangkat ini dan dikirim saat koneksi kembali.",
    refused: "Simpan otomatis ditolak: ",
    offer: (where, when, words) => `Salinan ${where}, ${when}, ${words} kata`,
    brings: (names) => `Belum disimpan. Memulihkan: ${names}.`,
    device: "dari perangkat ini",
    server: "di server",
    restore: "Pulihkan",
    discard: "Buang",
    discardAsk: "Buang salinan ini? Isinya hilang dan tidak dapat dipulihkan lagi.",
    discardYes: "Ya, buang",
    discardNo: "Batal",
    size: (size, limit) => `Isi ${size} MB dari batas ${limit} MB.`,
    tooLong: (size, limit) =>
      `Isi terlalu panjang: ${size} MB; batas ${limit} MB. Persingkat isinya sebelum menyimpan.`,
    notSent: "Isi terlalu panjang: hanya disimpan di perangkat ini, tidak dikirim ke server.",
  };

  let editor = null;
  let saved = null; // the text as last saved for real
  let kept = null; // the text as last kept (device and server)
  let submitting = false;

  // A field of the form by name: one element (never the copy's own inputs).
  const field = (name) => {
    const found = form.elements.namedItem(name);
    return found && found.name === name ? found : null;
  };
  // An autocomplete (select2) holds only the options chosen: each is kept
  // as {id, label}, in the order chosen (the byline's, for co-authors).
  const chosenIn = (select) => select.classList.contains("admin-autocomplete");

  function read() {
    const values = {};
    for (const name of FIELDS) {
      const input = field(name);
      if (name === "body" && editor) values.body = editor.getData();
      else if (!input || input.disabled || input.type === "hidden") continue;
      else if (input instanceof HTMLSelectElement && chosenIn(input)) {
        values[name] = [...input.selectedOptions]
          .filter((option) => option.value)
          .map((option) => ({ id: option.value, label: option.textContent.trim() }));
      } else values[name] = input.value;
    }
    return values;
  }

  function choose(select, chosen) {
    for (const option of [...select.options]) if (option.value) option.remove();
    for (const { id, label } of chosen) select.append(new Option(label, id, true, true));
    if (!chosen.length) select.value = "";
    const jQuery = window.django && window.django.jQuery;
    if (jQuery) jQuery(select).trigger("change"); // select2 shows the options again
    else select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function write(values) {
    for (const name of FIELDS) {
      if (!(name in values)) continue;
      const value = values[name];
      const input = field(name);
      if (name === "body" && editor) editor.setData(value);
      else if (!input || input.disabled || input.type === "hidden") continue;
      else if (Array.isArray(value)) {
        if (input instanceof HTMLSelectElement && chosenIn(input)) choose(input, value);
      } else if (typeof value === "string") {
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true })); // counters follow
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }

  // Copies compared field by field, whatever order their keys came in.
  const sorted = (key, value) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value;
  const same = (a, b) => JSON.stringify(a, sorted) === JSON.stringify(b, sorted);
  const show = (message, offline) => {
    if (!status) return;
    status.textContent = message;
    status.classList.toggle("offline", Boolean(offline));
  };
  // Newsroom time: WIB, "21:04"; a copy from another day names its day ("4 Des 21:04").
  const WIB = "Asia/Jakarta";
  const clock = (date) => {
    const parts = new Intl.DateTimeFormat("id-ID", {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: WIB,
    }).formatToParts(date);
    const part = (type) => parts.find((p) => p.type === type).value;
    return `${part("hour")}:${part("minute")}`;
  };
  const day = (date) =>
    new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "short", timeZone: WIB })
      .format(date)
      .replace(".", "");
  const when = (date) => (day(date) === day(new Date()) ? clock(date) : `${day(date)} ${clock(date)}`);
  // Words as readers will count them; DOMParser runs no script and loads no image.
  const wordsIn = (html) =>
    (new DOMParser().parseFromString(html || "", "text/html").body.textContent || "")
      .split(/\s+/)
      .filter(Boolean).length;
  const labelOf = (name) => {
    const label = form.querySelector(`label[for="id_${name}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim().toLowerCase() : name;
  };

  function readLocal(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function keepLocally(values) {
    try {
      window.localStorage.setItem(
        config.key,
        JSON.stringify({ fields: values, at: Date.now(), revision: config.revision })
      );
      return true;
    } catch (error) {
      return false; // storage full or disabled: the server copy still counts
    }
  }

  async function keepOnServer(values) {
    const data = new FormData();
    for (const [name, value] of Object.entries(values)) {
      if (!Array.isArray(value)) data.append(name, value);
      else if (!value.length) data.append(name, ""); // chosen, then cleared
      else for (const option of value) data.append(name, option.id);
    }
    data.append("base_revision", config.revision);
    const response = await fetch(config.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw Object.assign(new Error(answer.error || response.status), { refused: true });
    return answer;
  }

  // The body's size in bytes of UTF-8, as the server counts it
  // (settings.ARTICLE_BODY_MAX_BYTES), shown from NEAR of the limit on.
  const BODY_LIMIT = config.body_max_bytes || Infinity;
  const NEAR = 0.8;
  const encoder = new TextEncoder();
  const megabytes = (bytes, up) => {
    const tenths = up ? Math.ceil(bytes / 100000) : Math.round(bytes / 100000);
    return (tenths / 10).toLocaleString("id-ID", { maximumFractionDigits: 1 });
  };
  // Encoding a long body costs; a character is at most 3 bytes, so a short
  // one is known to be far below without it.
  const bodyBytes = (body) =>
    (body || "").length * 3 < BODY_LIMIT * NEAR ? 0 : encoder.encode(body).length;
  const tooLong = (values) => bodyBytes(values.body) > BODY_LIMIT;
  let sizeNote = null;

  function showBodySize(body) {
    if (!sizeNote) return;
    const bytes = bodyBytes(body);
    const over = bytes > BODY_LIMIT;
    const limit = megabytes(BODY_LIMIT);
    sizeNote.hidden = bytes < BODY_LIMIT * NEAR;
    sizeNote.textContent = over
      ? text.tooLong(megabytes(bytes, true), limit)
      : text.size(megabytes(bytes, true), limit);
    sizeNote.classList.toggle("over", over);
    sizeNote.setAttribute("role", over ? "alert" : "status");
  }

  function watchBodySize() {
    if (!Number.isFinite(BODY_LIMIT)) return;
    const field = form.elements.body;
    const anchor = editor ? editor.ui.view.element : field;
    if (!anchor) return;
    sizeNote = document.createElement("p");
    sizeNote.className = "body-size";
    sizeNote.hidden = true;
    (anchor.parentNode.querySelector(".body-stats") || anchor).after(sizeNote);
    let timer = null;
    const later = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => showBodySize(read().body), 400);
    };
    if (editor) editor.model.document.on("change:data", later);
    else if (field) field.addEventListener("input", later);
    showBodySize(read().body);
  }

  async function keep() {
    const values = read();
    if (same(values, kept) || submitting) return;
    const onDevice = keepLocally(values);
    if (tooLong(values)) {
      // The server would refuse it: the copy it holds stays as it was.
      const size = megabytes(bodyBytes(values.body), true);
      show(onDevice ? text.notSent : text.tooLong(size, megabytes(BODY_LIMIT)), true);
      return;
    }
    if (!config.url) {
      kept = values;
      if (onDevice) show(text.local);
      return;
    }
    if (!navigator.onLine) {
      show(text.offline, true);
      return;
    }
    try {
      const answer = await keepOnServer(values);
      kept = values;
      show(text.saved(clock(new Date(answer.saved_at))));
      showOthers(answer.others || []);
    } catch (error) {
      if (error.refused) show(text.refused + error.message, true);
      else show(text.offline, true);
    }
  }

  const button = (label, className) => {
    const made = document.createElement("button");
    made.type = "button";
    made.className = `button ${className}`;
    made.textContent = label;
    return made;
  };

  // What restoring `fields` changes in the form, by the fields' labels.
  // Who else has the story open (articles/presence.py), as the last
  // autosave found: the mark the page was opened with, kept up to date.
  function showOthers(others) {
    let mark = document.querySelector(".presence");
    if (!others.length) {
      if (mark) mark.hidden = true;
      return;
    }
    if (!mark) {
      mark = document.createElement("p");
      mark.className = "presence";
      mark.setAttribute("role", "status");
      form.prepend(mark);
    }
    mark.hidden = false;
    mark.textContent = others.map((o) => text.otherHere(o.name, o.since)).join(" ");
  }

  function changedBy(fields, shown) {
    return FIELDS.filter(
      (name) => name in fields && name in shown && !same(fields[name], shown[name])
    ).map(labelOf);
  }

  function offer(copy, shown) {
    const box = document.createElement("div");
    box.className = "autosave-offer";
    box.setAttribute("role", "alert");
    const message = document.createElement("p");
    const title = document.createElement("strong");
    title.textContent = text.offer(copy.where, when(new Date(copy.at)), wordsIn(copy.fields.body));
    message.append(title);
    const changed = changedBy(copy.fields, shown);
    if (changed.length) message.append(document.createElement("br"), text.brings(changed.join(", ")));
    const actions = document.createElement("p");
    actions.className = "autosave-offer-actions";
    const restore = button(text.restore, "default");
    const discard = button(text.discard, "autosave-discard");
    actions.append(restore, discard);
    // Discarding cannot be undone: a second step asks, Batal is the way out.
    const ask = document.createElement("p");
    ask.className = "autosave-offer-actions";
    ask.hidden = true;
    const question = document.createElement("span");
    question.className = "autosave-discard-question";
    question.textContent = text.discardAsk;
    const yes = button(text.discardYes, "autosave-discard-yes");
    const no = button(text.discardNo, "");
    ask.append(question, yes, no);
    restore.addEventListener("click", () => {
      write(copy.fields);
      box.remove();
      keep();
    });
    discard.addEventListener("click", () => {
      actions.hidden = true;
      ask.hidden = false;
      no.focus();
    });
    no.addEventListener("click", () => {
      ask.hidden = true;
      actions.hidden = false;
      discard.focus();
    });
    yes.addEventListener("click", () => {
      window.localStorage.removeItem(config.key);
      if (copy.server) window.localStorage.setItem(`${config.key}:discarded`, copy.server);
      box.remove();
    });
    box.append(message, actions, ask);
    form.prepend(box);
  }

  function offerNewerCopy() {
    const savedAt = config.updated_at ? Date.parse(config.updated_at) : 0;
    const shown = read();
    const local = readLocal(config.key);
    const candidates = [];
    if (local && local.at > savedAt && !same(local.fields, shown)) {
      candidates.push({ at: local.at, fields: local.fields, where: text.device });
    } else if (local && same(local.fields, saved)) {
      window.localStorage.removeItem(config.key); // it was saved
    }
    const server = config.server_copy;
    const discarded = server && window.localStorage.getItem(`${config.key}:discarded`);
    if (server && !same(server.fields, shown) && discarded !== server.saved_at) {
      candidates.push({
        at: Date.parse(server.saved_at),
        fields: server.fields,
        where: text.server,
        server: server.saved_at,
      });
    }
    if (config.url) {
      // A new story's copy from the "add" form, once that story is saved.
      const added = config.key.replace(/:\d+:(\d+)$/, ":baru:$1");
      const draft = readLocal(added);
      if (draft && draft.fields && draft.fields.title === shown.title) {
        window.localStorage.removeItem(added);
      }
    }
    if (!candidates.length) return;
    offer(candidates.sort((a, b) => b.at - a.at)[0], shown);
  }

  // The house limit for headlines is a warning, never a refusal.
  const TITLE_LIMIT = 70;
  const WORDS_PER_MINUTE = 200;

  function counters() {
    const title = form.elements.title;
    if (title && !title.readOnly) {
      const count = document.createElement("span");
      count.className = "title-count";
      count.setAttribute("aria-live", "polite");
      title.after(count);
      const update = () => {
        const length = title.value.length;
        count.textContent = `${length}/${TITLE_LIMIT}`;
        count.classList.toggle("over", length > TITLE_LIMIT);
        count.title = length > TITLE_LIMIT ? "Judul lebih panjang dari batas redaksi." : "";
      };
      title.addEventListener("input", update);
      update();
    }
    if (editor && editor.plugins.has("WordCount")) {
      // CKEditor's WordCount plugin counts the words; its own "Kata: …
      // Karakter: …" line is hidden (article_form.css) for this one.
      const counter = editor.plugins.get("WordCount");
      const stats = document.createElement("p");
      stats.className = "body-stats";
      editor.ui.view.element.after(stats);
      const update = () => {
        const minutes = Math.max(1, Math.round(counter.words / WORDS_PER_MINUTE));
        stats.textContent = `${counter.words} kata · ±${minutes} menit baca`;
      };
      counter.on("update", update);
      update();
    }
  }

  // A photo put into the body gets its caption, credit and alternative text
  // at once, in one dialog, instead of a refusal at publishing time.
  const PHOTO_KEY = /\/renditions\/([0-9a-f]{32})\//g;
  const photoKeys = () => new Set([...editor.getData().matchAll(PHOTO_KEY)].map((m) => m[1]));

  function askPhotoTexts(key) {
    const dialog = document.createElement("dialog");
    dialog.className = "photo-texts";
    dialog.innerHTML = `
      <form method="dialog">
        <h2>Keterangan foto</h2>
        <label>Keterangan<textarea name="caption" rows="2"></textarea></label>
        <label>Kredit foto (wajib)<input name="credit" required placeholder="KJ/Rahmat"></label>
        <label>Teks alternatif (untuk pembaca layar)<input name="alt_text"></label>
        <p class="photo-texts-error" role="alert"></p>
        <button type="submit" class="button default" value="save">Simpan keterangan</button>
        <button type="button" class="button" value="later">Nanti</button>
      </form>`;
    document.body.append(dialog);
    const inner = dialog.querySelector("form");
    inner.querySelector('[value="later"]').addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => dialog.remove());
    inner.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(inner);
      const response = await fetch(config.photo_texts_url.replace("KEY", key), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
      }).catch(() => null);
      if (response && response.ok) {
        dialog.close();
        return;
      }
      const answer = response ? await response.json().catch(() => ({})) : {};
      inner.querySelector(".photo-texts-error").textContent =
        (answer.error && answer.error.message) || "Tidak tersimpan: periksa koneksi lalu coba lagi.";
    });
    dialog.showModal();
  }

  function watchPhotos() {
    if (!editor || !config.photo_texts_url) return;
    let known = photoKeys();
    editor.model.document.on("change:data", () => {
      const now = photoKeys();
      for (const key of now) if (!known.has(key)) askPhotoTexts(key);
      known = now;
    });
  }

  function start(found) {
    editor = found || null;
    counters();
    watchPhotos();
    saved = config.unsaved ? null : read();
    kept = read();
    watchBodySize();
    offerNewerCopy();
    window.setInterval(keep, EVERY_MS);
    window.addEventListener("online", keep);
    window.addEventListener("offline", () => show(text.offline, true));
    // A phone puts the tab away without warning: what was typed since the
    // last keep stays on the device.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && !submitting && !same(read(), saved)) {
        keepLocally(read());
      }
    });
    form.addEventListener("submit", (event) => {
      const values = read();
      if (tooLong(values) && !(saved && values.body === saved.body)) {
        // Refused anyway, and a large enough request would not even reach
        // the form: say so here, with the text where it is.
        event.preventDefault();
        event.stopImmediatePropagation();
        keepLocally(values);
        showBodySize(values.body);
        sizeNote.scrollIntoView({ block: "center" });
      }
    });
    form.addEventListener("submit", () => {
      submitting = true;
      keepLocally(read()); // kept until the saved form comes back with this text
    });
    window.addEventListener("beforeunload", (event) => {
      if (!submitting && !same(read(), saved)) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  // CKEditor starts after this script; wait for it, or go on without it.
  const ready = window.editors && window.editors.id_body;
  if (ready) start(ready);
  else if (window.ckeditorRegisterCallback && document.getElementById("id_body")) {
    let started = false;
    window.ckeditorRegisterCallback("id_body", (found) => {
      if (!started) start(found);
      started = true;
    });
    window.setTimeout(() => {
      if (!started) start(window.editors && window.editors.id_body);
      started = true;
    }, 5000);
  } else start(null);
})();
