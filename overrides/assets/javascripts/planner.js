/* SES Guide: the résumé planner on prepare/planner/ (both languages).
 *
 * Loaded only on the page whose front matter says `tool: ecq-planner` (overrides/main.html).
 * It reads its interface text and the current ECQs from the page's JSON data block
 * (#sesguide-planner-data, built from data/ui.yml and data/qualifications.yml), replaces the
 * paragraph marked .sesguide-planner-mount with the planner, and keeps what the reader types in
 * this browser's localStorage only. It sends nothing anywhere: no fetch, no XMLHttpRequest, no
 * beacon, no third-party code. Everything the reader typed is put into the page as text
 * (textContent and form values), never as markup.
 *
 * Without JavaScript the page shows its printable checklist instead; this script adds to it.
 */
(function () {
  "use strict";

  var dataEl = document.getElementById("sesguide-planner-data");
  var mount = document.querySelector(".sesguide-planner-mount");
  if (!dataEl || !mount) { return; }
  var cfg;
  try { cfg = JSON.parse(dataEl.textContent); } catch (e) { return; }
  var T = cfg.strings;
  var ECQS = cfg.ecqs;
  var KEY = cfg.storage_key;
  var MAX_STORIES = 40;
  var MAX_TEXT = 2000;
  var FIELDS = ["title", "challenge", "action", "result"];

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : m;
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // -- storage ------------------------------------------------------------------------------------
  var storage = null;
  try {
    window.localStorage.setItem(KEY + "-probe", "1");
    window.localStorage.removeItem(KEY + "-probe");
    storage = window.localStorage;
  } catch (e) { storage = null; }

  var ecqIds = ECQS.map(function (q) { return q.id; });
  var nextId = 1;

  function clean(raw) {
    // Only known fields, only text, bounded: whatever is in storage is treated as untrusted.
    var list = raw && Array.isArray(raw.stories) ? raw.stories : [];
    return list.slice(0, MAX_STORIES).filter(function (s) { return s && typeof s === "object"; }).map(function (s) {
      var story = { id: nextId++, ecqs: [] };
      FIELDS.forEach(function (f) { story[f] = typeof s[f] === "string" ? s[f].slice(0, MAX_TEXT) : ""; });
      if (Array.isArray(s.ecqs)) {
        story.ecqs = ecqIds.filter(function (id) { return s.ecqs.indexOf(id) !== -1; });
      }
      return story;
    });
  }

  function load() {
    if (!storage) { return []; }
    try { return clean(JSON.parse(storage.getItem(KEY) || "null")); } catch (e) { return []; }
  }

  function save() {
    if (!storage) { return; }
    var out = stories.map(function (s) {
      var o = { ecqs: s.ecqs.slice() };
      FIELDS.forEach(function (f) { o[f] = s[f]; });
      return o;
    });
    try {
      if (out.length) { storage.setItem(KEY, JSON.stringify({ version: 1, stories: out })); }
      else { storage.removeItem(KEY); }
    } catch (e) { /* storage full or blocked: the entries stay on the page */ }
  }

  var stories = load();

  // -- the planner's fixed parts --------------------------------------------------------------------
  var root = el("div", { "class": "sesguide-planner" });
  var form = el("div", { "class": "sesguide-planner__form" });
  form.appendChild(el("p", {}, T.intro));
  if (!storage) { form.appendChild(el("p", { "class": "sesguide-planner__warning" }, T.no_storage)); }
  var list = el("div", { "class": "sesguide-planner__stories" });
  form.appendChild(list);
  var addButton = el("button", { type: "button", "class": "md-button sesguide-planner__add" }, T.add);
  form.appendChild(addButton);
  root.appendChild(form);

  var summary = el("section", { "class": "sesguide-planner__summary", "aria-labelledby": "sesguide-planner-coverage" });
  summary.appendChild(el("h3", { id: "sesguide-planner-coverage" }, T.coverage));
  var status = el("p", { "class": "sesguide-planner__status", role: "status", "aria-live": "polite" });
  summary.appendChild(status);
  var table = el("table");
  var head = el("tr");
  [T.col_ecq, T.col_stories, T.col_status].forEach(function (t) { head.appendChild(el("th", { scope: "col" }, t)); });
  var thead = el("thead");
  thead.appendChild(head);
  table.appendChild(thead);
  var tbody = el("tbody");
  table.appendChild(tbody);
  var region = el("div", { "class": "sesguide-table sesguide-planner__table", role: "region", tabindex: "0", "aria-labelledby": "sesguide-planner-coverage" });
  // Material's table wrapper, as partials/content.html writes it around the page's own tables.
  var wrap = el("div", { "class": "md-typeset__table" });
  wrap.appendChild(table);
  region.appendChild(wrap);
  summary.appendChild(region);
  var details = el("div", { "class": "sesguide-planner__details" });
  summary.appendChild(details);
  root.appendChild(summary);

  var actions = el("div", { "class": "sesguide-planner__actions" });
  var printButton = el("button", { type: "button", "class": "md-button md-button--primary" }, T.print);
  var clearButton = el("button", { type: "button", "class": "md-button" }, T.clear);
  actions.appendChild(printButton);
  actions.appendChild(clearButton);
  root.appendChild(actions);

  mount.parentNode.replaceChild(root, mount);
  document.documentElement.classList.add("sesguide-planner-on");

  // -- one story's editor -------------------------------------------------------------------------------
  function labelled(story, field, multiline) {
    var id = "sesguide-story-" + story.id + "-" + field;
    var wrap = el("div", { "class": "sesguide-planner__field" });
    wrap.appendChild(el("label", { "for": id }, T[field]));
    var input = multiline ? el("textarea", { id: id, rows: "3", maxlength: String(MAX_TEXT) })
                          : el("input", { id: id, type: "text", maxlength: "200", autocomplete: "off" });
    input.value = story[field];
    input.addEventListener("input", function () {
      story[field] = input.value.slice(0, MAX_TEXT);
      save();
      render(field === "title" ? "later" : "quiet");
    });
    wrap.appendChild(input);
    return wrap;
  }

  function editor(story, number) {
    var box = el("fieldset", { "class": "sesguide-planner__story" });
    box.appendChild(el("legend", {}, fill(T.story, { number: number })));
    box.appendChild(labelled(story, "title", false));
    box.appendChild(labelled(story, "challenge", true));
    box.appendChild(labelled(story, "action", true));
    box.appendChild(labelled(story, "result", true));
    var group = el("fieldset", { "class": "sesguide-planner__ecqs" });
    group.appendChild(el("legend", {}, T.ecqs));
    ECQS.forEach(function (q) {
      var id = "sesguide-story-" + story.id + "-" + q.id;
      var row = el("div", { "class": "sesguide-planner__check" });
      var box2 = el("input", { id: id, type: "checkbox", value: q.id });
      box2.checked = story.ecqs.indexOf(q.id) !== -1;
      box2.addEventListener("change", function () {
        story.ecqs = ecqIds.filter(function (eid) {
          return eid === q.id ? box2.checked : story.ecqs.indexOf(eid) !== -1;
        });
        save();
        render("now");
      });
      row.appendChild(box2);
      row.appendChild(el("label", { "for": id }, q.name));
      group.appendChild(row);
    });
    box.appendChild(group);
    var remove = el("button", { type: "button", "class": "md-button sesguide-planner__remove" }, fill(T.remove, { number: number }));
    remove.addEventListener("click", function () {
      var at = stories.indexOf(story);
      stories.splice(at, 1);
      save();
      drawEditors();
      render("now", T.removed);
      var titles = list.querySelectorAll("input[type=text]");
      (titles[Math.min(at, titles.length - 1)] || addButton).focus();
    });
    box.appendChild(remove);
    return box;
  }

  function drawEditors() {
    list.textContent = "";
    stories.forEach(function (s, i) { list.appendChild(editor(s, i + 1)); });
    addButton.hidden = stories.length >= MAX_STORIES;
  }

  // -- the summary and the gap status ---------------------------------------------------------------
  function titleOf(s) {
    var t = s.title.trim();
    return t || fill(T.untitled, { number: stories.indexOf(s) + 1 });
  }

  function statusText() {
    var gaps = ECQS.filter(function (q) {
      return !stories.some(function (s) { return s.ecqs.indexOf(q.id) !== -1; });
    });
    var total = ECQS.length;
    var text;
    if (gaps.length === total) { text = fill(T.status_none, { total: total }); }
    else if (gaps.length) {
      text = fill(T.status_gaps, { n: total - gaps.length, total: total,
                                   list: gaps.map(function (q) { return q.name; }).join("; ") });
    } else { text = fill(T.status_full, { total: total }); }
    var noResult = stories.filter(function (s) { return s.ecqs.length && !s.result.trim(); });
    if (noResult.length) { text += " " + fill(T.no_result, { list: noResult.map(titleOf).join("; ") }); }
    return text;
  }

  function drawSummary() {
    tbody.textContent = "";
    ECQS.forEach(function (q) {
      var mine = stories.filter(function (s) { return s.ecqs.indexOf(q.id) !== -1; });
      var tr = el("tr", mine.length ? {} : { "class": "sesguide-planner__gap" });
      tr.appendChild(el("th", { scope: "row" }, q.name));
      var cell = el("td");
      if (mine.length) {
        var ul = el("ul");
        mine.forEach(function (s) { ul.appendChild(el("li", {}, titleOf(s))); });
        cell.appendChild(ul);
      } else { cell.textContent = "—"; }
      tr.appendChild(cell);
      tr.appendChild(el("td", {}, mine.length ? fill(T.covered, { n: mine.length }) : T.gap));
      tbody.appendChild(tr);
    });
    // The full text of every story, for the printed summary.
    details.textContent = "";
    if (!stories.length) { return; }
    details.appendChild(el("h4", {}, T.details));
    stories.forEach(function (s) {
      var block = el("div", { "class": "sesguide-planner__detail" });
      block.appendChild(el("p", { "class": "sesguide-planner__detail-title" }, titleOf(s)));
      var dl = el("dl");
      ["challenge", "action", "result"].forEach(function (f) {
        if (!s[f].trim()) { return; }
        dl.appendChild(el("dt", {}, T[f]));
        dl.appendChild(el("dd", {}, s[f]));
      });
      var names = ECQS.filter(function (q) { return s.ecqs.indexOf(q.id) !== -1; }).map(function (q) { return q.name; });
      if (names.length) {
        dl.appendChild(el("dt", {}, T.ecqs));
        dl.appendChild(el("dd", {}, names.join("; ")));
      }
      block.appendChild(dl);
      details.appendChild(block);
    });
  }

  // The live region is told about changes that alter the gaps (a tick, a new or removed story,
  // clearing), at once; a renamed story a moment after typing stops; other typing not at all.
  var timer = null;
  function render(announce, prefix) {
    drawSummary();
    if (announce === "quiet") { return; }
    window.clearTimeout(timer);
    var say = function () { status.textContent = (prefix ? prefix + " " : "") + statusText(); };
    if (announce === "later") { timer = window.setTimeout(say, 800); } else { say(); }
  }

  addButton.addEventListener("click", function () {
    var story = { id: nextId++, title: "", challenge: "", action: "", result: "", ecqs: [] };
    stories.push(story);
    save();
    drawEditors();
    render("now");
    var titles = list.querySelectorAll("input[type=text]");
    titles[titles.length - 1].focus();
  });

  printButton.addEventListener("click", function () { window.print(); });

  clearButton.addEventListener("click", function () {
    if (!window.confirm(T.clear_confirm)) { return; }
    stories = [];
    if (storage) { try { storage.removeItem(KEY); } catch (e) { /* nothing stored */ } }
    drawEditors();
    render("now", T.cleared);
    addButton.focus();
  });

  // Another tab of the same site changed the entries: show them here too.
  window.addEventListener("storage", function (e) {
    if (e.key !== KEY) { return; }
    stories = load();
    drawEditors();
    render("now");
  });

  drawEditors();
  status.textContent = statusText();
  drawSummary();
})();
