/* SES Guide site search: a modal dialog over Pagefind's index of the reader's language.
 *
 * Loaded by sesguide.js the first time a reader opens the search (click on the header button or
 * the `/` key); Pagefind's script and index load then, not before. Pagefind picks the index from
 * <html lang>, so a Swedish page searches only Swedish pages.
 *
 * Bytes: a first search fetches pagefind.js, the WebAssembly of the language, the index chunks the
 * query's words fall in and one fragment (the page's text, for the excerpt) per result SHOWN:
 * the first FIRST results, then MORE more each time the reader asks for them. Pagefind runs on
 * the main thread (noWorker): its worker script would repeat pagefind.js's code (12 KiB more) to
 * search 40 pages, which takes a few milliseconds here. A query overtaken by the reader's typing
 * fetches no fragments.
 *
 * The index is split into small chunks (sesguide/search.py, INDEX_CHUNK_SIZE) and Pagefind fetches,
 * per word typed, the one chunk where that word would sort. But Pagefind also finds the words that
 * begin with what is typed ("comp": compensation ... competencies), which may run on into the next
 * chunk, and, when there are none, the longest indexed word that what is typed begins with, which
 * may sit in an earlier chunk. So before searching,
 * the chunks where those would sort are fetched too: of each start of the word
 * from 3 letters ("app", "appl", ...; a fallback to a word of one or two letters finds nothing a
 * reader meant, and those chunks would cost 3-4 KiB each) and of the word followed by U+FFFF
 * (which sorts after any letter). Usually they are the chunk already loaded;
 * tests/browser/test_search.py proves the results equal an unchunked index's.
 *
 * Accessibility: a native <dialog> opened with showModal() (the rest of the page is inert, Tab
 * stays inside, Escape closes, focus returns to the button), named by its heading; the input is
 * labelled by the same heading and described by the hint; the number of results is announced in
 * a polite live region; each result is one link to the page's best-matching section.
 *
 * Interface text comes from data/ui.yml through the button's data-sesguide-text attribute.
 * Result excerpts are built as text nodes with <mark> elements, never parsed as markup.
 */
(function () {
  "use strict";
  var button = document.querySelector("button[data-sesguide-search]");
  var T = JSON.parse(button.getAttribute("data-sesguide-text"));
  var lang = document.documentElement.lang || "en";
  var FIRST = 3, MORE = 5;
  // The search runs when the reader pauses typing this long (ms; Enter runs it at once). Pagefind's
  // own interface waits 300 ms too: at a reader's typing pace (about 200 ms a key) a shorter pause
  // would search, and fetch the fragments of, every prefix of the word on the way.
  var PAUSE = 300;
  var dialog, input, statusLine, list, more, pagefind = null, seq = 0, timer = null, pending = [];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }

  function build() {
    dialog = el("dialog", {"class": "sesguide-search", "aria-labelledby": "sesguide-search-title",
                           "aria-describedby": "sesguide-search-hint"});
    var head = el("div", {"class": "sesguide-search__head"});
    head.appendChild(el("h2", {"id": "sesguide-search-title", "class": "sesguide-search__title"}, T.title));
    var close = el("button", {"type": "button", "class": "sesguide-search__close", "aria-label": T.close}, "\u00d7");
    close.addEventListener("click", function () { dialog.close(); });
    head.appendChild(close);
    dialog.appendChild(head);
    input = el("input", {"type": "search", "id": "sesguide-search-input", "class": "sesguide-search__input",
                         "aria-labelledby": "sesguide-search-title", "aria-describedby": "sesguide-search-hint",
                         "aria-controls": "sesguide-search-results", "autocomplete": "off", "spellcheck": "false",
                         "enterkeyhint": "search", "placeholder": T.placeholder});
    dialog.appendChild(input);
    dialog.appendChild(el("p", {"id": "sesguide-search-hint", "class": "sesguide-search__hint"}, T.hint));
    statusLine = el("p", {"class": "sesguide-search__status", "role": "status", "aria-live": "polite"});
    dialog.appendChild(statusLine);
    list = el("ol", {"id": "sesguide-search-results", "class": "sesguide-search__results"});
    dialog.appendChild(list);
    more = el("button", {"type": "button", "class": "sesguide-search__more", "hidden": ""}, T.more);
    more.addEventListener("click", showMore);
    dialog.appendChild(more);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, PAUSE);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); clearTimeout(timer); run(); }
    });
    // A click on the backdrop (outside the dialog's box) closes it.
    dialog.addEventListener("click", function (ev) {
      if (ev.target === dialog) { dialog.close(); }
    });
    // Following a result closes the dialog (a link to a section of the same page does not reload
    // it); focus then goes where the link leads, not back to the button.
    var followed = false;
    list.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("a")) { followed = true; dialog.close(); }
    });
    dialog.addEventListener("close", function () {
      if (!followed) {
        button.focus();
        // The browser may restore focus to where it was before the dialog opened (the page body
        // when `/` opened it) after this event: put it back on the button once more.
        setTimeout(function () { if (!dialog.open) { button.focus(); } }, 0);
      }
      followed = false;
    });
    document.body.appendChild(dialog);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(button.getAttribute("data-sesguide-search")).then(function (pf) {
        return Promise.resolve(pf.options({excerptLength: 24, noWorker: true})).then(function () { return pf; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  /* Swedish writes endings of abbreviations after a colon ("cv:t", "ECQ:erna", "OPM:s"):
   * search for the abbreviation itself. Typographic quotes are dropped. */
  function normalise(q) {
    q = q.replace(/[\u2018\u2019\u201c\u201d"]/g, " ");
    if (lang === "sv") {
      q = q.replace(/([0-9A-Za-z\u00c0-\u024f]):[a-z\u00e5\u00e4\u00f6]+/g, "$1");
      // A final -m doubles before an ending ("program", "programmet"); the Swedish stemmer keeps
      // the double consonant, so "utvecklingsprogrammet" would not find "utvecklingsprogram".
      q = q.replace(/mm(et|en|ens|ets|ena|enas)(?=\s|$)/g, "m");
    }
    return q.replace(/\s+/g, " ").trim();
  }

  function say(text) { statusLine.textContent = text; }

  function excerpt(html) {
    // Pagefind's excerpt is escaped text with <mark> around the matches: rebuild it as nodes.
    var p = el("p", {"class": "sesguide-search__excerpt"});
    var parts = String(html || "").split(/(<mark>|<\/mark>)/);
    var marked = false;
    var decode = new DOMParser();
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      var text = decode.parseFromString("<!doctype html><body>" + part, "text/html").body.textContent;
      if (!text) { return; }
      if (marked) { p.appendChild(el("mark", {}, text)); } else { p.appendChild(document.createTextNode(text)); }
    });
    return p;
  }

  function bestSection(data) {
    var best = null, bestScore = -1;
    (data.sub_results || []).forEach(function (s) {
      var score = 0;
      (s.weighted_locations || []).forEach(function (w) { score += w.balanced_score || w.weight || 1; });
      if (score > bestScore) { best = s; bestScore = score; }
    });
    return best;
  }

  function render(q, items, total) {
    list.textContent = "";
    statusLine.setAttribute("data-query", q);
    if (!total) { say(T.none.replace("{q}", q)); return; }
    say((total === 1 ? T.one : T.many).replace("{n}", String(total)).replace("{q}", q));
    append(items);
  }

  /* The results' fragments, fetched only now that they are shown. */
  function fetchData(results) {
    return Promise.all(results.map(function (r) { return r.data(); }));
  }

  function showMore() {
    var mine = seq, next = pending.slice(0, MORE);
    more.disabled = true;
    fetchData(next).then(function (items) {
      if (mine !== seq) { return; }
      pending = pending.slice(next.length);
      var first = append(items);
      // Keyboard and screen-reader users continue at the first new result.
      if (first) { first.focus(); }
    }).catch(function () { if (mine === seq) { say(T.error); } })
      .then(function () { more.disabled = false; });
  }

  function append(items) {
    var first = null;
    items.forEach(function (data) {
      var section = bestSection(data);
      var li = el("li", {"class": "sesguide-search__result"});
      var a = el("a", {"class": "sesguide-search__link", "href": section ? section.url : data.url});
      a.appendChild(el("span", {"class": "sesguide-search__page"}, data.meta.title || data.url));
      if (section && section.title && section.title !== data.meta.title && section.url.indexOf("#") > -1) {
        a.appendChild(el("span", {"class": "sesguide-search__section"}, section.title));
      }
      li.appendChild(a);
      li.appendChild(excerpt(section ? section.excerpt : data.excerpt));
      list.appendChild(li);
      first = first || a;
    });
    more.hidden = !pending.length;
    return first;
  }

  /* Pagefind's results for what the reader typed, best first (not yet their text). */
  function find(q) {
    return load().then(function (pf) {
      var term = normalise(q);
      var probes = [];
      term.split(" ").forEach(function (w) {
        for (var n = Math.min(3, w.length); n <= w.length; n++) { probes.push(w.slice(0, n)); }
        probes.push(w + "\uffff");
      });
      return Promise.resolve(pf.preload(probes.join(" "))).then(function () {
        return pf.search(term);
      }).then(function (search) { return search && search.results ? search.results : []; });
    });
  }

  function run() {
    var q = input.value.trim();
    var mine = ++seq;
    pending = [];
    if (more) { more.hidden = true; }
    if (!q) { list.textContent = ""; say(""); statusLine.setAttribute("data-query", ""); return; }
    find(q).then(function (all) {
      // Overtaken by the reader's typing: fetch nothing for this query.
      if (mine !== seq) { return null; }
      // Each result's text is a separate download (a fragment): the first FIRST only.
      return fetchData(all.slice(0, FIRST)).then(function (items) {
        return {items: items, rest: all.slice(FIRST), total: all.length};
      });
    }).then(function (found) {
      if (found && mine === seq) { pending = found.rest; render(q, found.items, found.total); }
    }).catch(function () {
      if (mine === seq) { list.textContent = ""; say(T.error); statusLine.setAttribute("data-query", q); }
    });
  }

  function open() {
    if (!dialog) { build(); }
    if (!dialog.open) { dialog.showModal(); }
    input.focus();
    input.select();
    if (!pagefind) {
      say(T.loading);
      load().then(function () { if (statusLine.textContent === T.loading) { say(""); } },
                  function () { say(T.error); });
    }
  }

  // find: also how tests/browser/test_search.py compares this index with an unchunked one.
  window.SESGuideSearch = {open: open, find: find};
})();
