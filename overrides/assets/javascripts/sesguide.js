/* SES Guide: what the theme needs at run time, in place of Material's JavaScript bundle, which the
 * site does not load (overrides/main.html says why). Without JavaScript every page still works:
 * the drawer and the navigation are CSS checkboxes, the colour-scheme toggle stays hidden and
 * the page is shown in the light scheme (the system setting cannot be read without script).
 *
 * 1. Colour scheme: the header button (overrides/partials/palette.html) cycles system setting ->
 *    light -> dark -> system setting. Its label, from data/ui.yml, names what a press does. The
 *    choice is kept where Material keeps it (localStorage "<scope>.__palette", the same record),
 *    so Material's inline script applies it before the next page is drawn; while the system
 *    setting is followed, a change of the system setting applies at once.
 * 2. <details>: all open for printing (and closed again after), and a link to an element inside
 *    a closed one opens it.
 * 3. The drawer closes after a link in it is followed to a section of the same page; Enter or
 *    Space on a collapsible navigation section opens or closes it (and its aria-expanded follows).
 * 4. Back to top: the button shows while the reader scrolls up, away from the top.
 * 5. The table of contents marks the section being read (and the ones above it) and, where it
 *    scrolls, keeps that entry in view.
 */
(function () {
  "use strict";
  var body = document.body;

  // -- 1. colour scheme ----------------------------------------------------------------------------
  function palette() {
    var button = document.querySelector("button[data-md-component=palette]");
    if (!button || typeof window.__md_get !== "function") return;
    var options = button.querySelectorAll("[data-md-color-media]");
    var light = window.matchMedia("(prefers-color-scheme: light)");
    var stored = null;
    try { stored = window.__md_get("__palette"); } catch (e) { stored = null; }
    var index = stored && typeof stored.index === "number" ? stored.index : 0;
    index = Math.max(0, Math.min(index, options.length - 1));
    var metaScheme = document.createElement("meta");
    metaScheme.name = "color-scheme";
    var metaTheme = document.createElement("meta");
    metaTheme.name = "theme-color";
    document.head.appendChild(metaScheme);
    document.head.appendChild(metaTheme);

    function attrs(el) {
      var c = {};
      ["media", "scheme", "primary", "accent"].forEach(function (k) { c[k] = el.getAttribute("data-md-color-" + k); });
      return c;
    }

    // On load only what differs is set (the inline script has usually applied the stored choice),
    // and nothing is measured: the theme-color meta waits for a later task, so the first layout
    // of a long page is not forced inside this script.
    function apply(switching) {
      var option = options[index], color = attrs(option);
      if (color.media === "(prefers-color-scheme)") {
        var system = attrs(button.querySelector(light.matches
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']"));
        color.scheme = system.scheme;
        color.primary = system.primary;
        color.accent = system.accent;
      }
      if (switching) body.setAttribute("data-md-color-switching", "");
      Object.keys(color).forEach(function (k) {
        if (body.getAttribute("data-md-color-" + k) !== color[k]) body.setAttribute("data-md-color-" + k, color[k]);
      });
      Array.prototype.forEach.call(options, function (o, i) { o.hidden = i !== index; });
      var label = option.getAttribute("data-sesguide-label");
      button.setAttribute("aria-label", label);
      button.title = label;
      window.__md_set("__palette", { index: index, color: color });
      setTimeout(function () {
        if (switching) body.removeAttribute("data-md-color-switching");
        var header = getComputedStyle(document.querySelector(".md-header") || body);
        metaScheme.content = header.colorScheme || "normal";
        metaTheme.content = header.backgroundColor;
      });
    }

    button.addEventListener("click", function () {
      index = (index + 1) % options.length;
      apply(true);
    });
    light.addEventListener("change", function () {
      if (options[index].getAttribute("data-md-color-media") === "(prefers-color-scheme)") apply(true);
    });
    apply(false);
    button.hidden = false;
  }

  // -- 2. <details> ----------------------------------------------------------------------------
  var closedForPrint = [];
  function details() {
    window.addEventListener("beforeprint", function () {
      closedForPrint = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
      closedForPrint.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () {
      closedForPrint.forEach(function (d) { d.open = false; });
      closedForPrint = [];
    });
    function reveal() {
      var id = location.hash.slice(1), target = null;
      try { target = id && document.getElementById(decodeURIComponent(id)); } catch (e) { target = null; }
      var closed = target && target.closest("details:not([open])");
      if (closed) {
        closed.open = true;
        target.scrollIntoView();
      }
    }
    window.addEventListener("hashchange", reveal);
    reveal();
  }

  // -- 3. drawer and navigation sections -------------------------------------------------------
  function navigation() {
    var drawer = document.getElementById("__drawer");
    function close() { setTimeout(function () { if (drawer) drawer.checked = false; }, 125); }
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest(".md-sidebar a[href]");
      if (a && drawer && drawer.checked && a.hash && a.pathname === location.pathname) close();
    });
    window.addEventListener("hashchange", close);
    Array.prototype.forEach.call(document.querySelectorAll("label.md-nav__link[tabindex='0']"), function (label) {
      label.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          label.click();
        }
      });
      label.addEventListener("click", function () {
        setTimeout(function () {
          var input = document.getElementById(label.htmlFor);
          var nav = document.querySelector("nav[aria-labelledby='" + label.id + "']");
          if (input && nav) nav.setAttribute("aria-expanded", String(input.checked));
        });
      });
    });
  }

  // -- 4 and 5. on scroll: back to top, the section being read --------------------------------------
  function scrolling() {
    var top = document.querySelector("[data-md-component=top]");
    var header = document.querySelector(".md-header");
    // Each section once, in page order, with its entries (the sidebar's and the drawer's list).
    var sections = [], byId = {};
    Array.prototype.forEach.call(document.querySelectorAll("[data-md-component=toc] a.md-nav__link"), function (a) {
      var id = "";
      try { id = decodeURIComponent(a.hash.slice(1)); } catch (e) { return; }
      if (!byId[id]) {
        var el = document.getElementById(id);
        if (!el) return;
        byId[id] = { el: el, links: [] };
        sections.push(byId[id]);
      }
      byId[id].links.push(a);
    });
    var lastY = window.scrollY, active = -2, queued = false;

    function update() {
      queued = false;
      var y = window.scrollY;
      if (top) {
        var show = y < lastY && y > 0;
        if (show === top.hidden) {
          top.hidden = !show;
          if (show) { top.removeAttribute("tabindex"); } else { top.setAttribute("tabindex", "-1"); top.blur(); }
        }
      }
      lastY = y;
      if (!sections.length) return;
      var offset = (header ? header.offsetHeight : 0) + 16, now = -1;
      var atEnd = window.innerHeight + y >= document.documentElement.scrollHeight - 2;
      for (var i = 0; i < sections.length; i++) {
        var el = sections[i].el;
        while (!el.offsetParent && el.parentElement) el = el.parentElement;  // in a closed <details>
        if (atEnd || el.getBoundingClientRect().top - offset < 1) now = i;
      }
      if (now === active) return;
      active = now;
      sections.forEach(function (section, j) {
        section.links.forEach(function (a) {
          a.classList.toggle("md-nav__link--passed", j <= now);
          a.classList.toggle("md-nav__link--active", j === now);
        });
      });
      if (now < 0) return;
      sections[now].links.forEach(function (a) {
        var box = a.closest(".md-sidebar__scrollwrap");
        if (box && a.offsetHeight && box.scrollHeight > box.clientHeight) {
          box.scrollTop = a.offsetTop - box.offsetTop - box.clientHeight / 2;
        }
      });
    }

    function queue() {
      if (!queued) { queued = true; window.requestAnimationFrame(update); }
    }
    if (top) {
      top.addEventListener("click", function (ev) { ev.preventDefault(); window.scrollTo({ top: 0 }); });
    }
    window.addEventListener("scroll", queue, { passive: true });
    window.addEventListener("resize", queue);
    queue();
  }

  function start() {
    palette();
    details();
    navigation();
    scrolling();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* SES Guide reader features, same-origin (the CSP is unchanged). Without JavaScript every page
 * still works: the section links (¶) are plain links, the language switcher opens the twin
 * page and the 404 page lists the main pages.
 *
 * 1. Section links: a copy-link button at the end of each heading, visible on touch screens
 *    too, kept on the line of the heading's last word (never on a line of its own). It copies
 *    the section's address, puts the fragment in the address bar and says "Link copied" (or
 *    that copying failed) in a live region. Its accessible name, "Copy link to this section:
 *    <heading>", and the messages come from data/ui.yml in the page's language
 *    (the JSON data block #sesguide-reader-data).
 * 2. The language switcher keeps the section: its link gets the current fragment, on load and
 *    on every hashchange (twin pages have the same anchors).
 * 3. 404 pages: the pages of the same language whose addresses are closest to the requested
 *    one (#sesguide-pages holds the language's page list).
 * 4. The cite box: today's date as the access date and a button that copies the citation.
 *    Without JavaScript the box still shows the address and the citation without an access
 *    date. Its labels are data attributes on the citation paragraph (.sesguide-cite).
 *
 * Both copy buttons use one clipboard helper, copyText.
 */
(function () {
  "use strict";
  // Material Design icons link-variant and check, as shipped with Material for MkDocs (.icons/material).
  var ICON_LINK = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42"/></svg>';
  var ICON_DONE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M21 7 9 19l-5.5-5.5 1.41-1.41L9 16.17 19.59 5.59z"/></svg>';

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  // -- 1. copy-link buttons --------------------------------------------------------------------
  var status = null;
  function announce(text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "sesguide-toast";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    // A fresh text node after a tick, so screen readers announce a repeated message too.
    setTimeout(function () { status.textContent = text; status.classList.add("sesguide-toast--on"); }, 30);
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { status.classList.remove("sesguide-toast--on"); }, 2500);
  }

  // Copies text; resolves to whether it worked. The asynchronous Clipboard API where the page is
  // a secure context, else (or if it is refused) the older copy command on a hidden textarea.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return legacyCopy(text); });
    }
    return Promise.resolve(legacyCopy(text));
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "sesguide-offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  // The heading's text without its section link (the last child, "¶").
  function headingText(h, anchor) {
    var text = h.textContent, tail = anchor.textContent;
    if (tail && text.slice(-tail.length) === tail) text = text.slice(0, -tail.length);
    return text.replace(/\s+/g, " ").trim();
  }

  // The end of the heading (its last character, or an element such as <abbr> or <code>) and the
  // button go into one span that does not wrap, so the button never starts a line of its own.
  function keepWithLastWord(h, anchor, button) {
    var tail = document.createElement("span");
    tail.className = "sesguide-nowrap";
    var prev = anchor.previousSibling;
    while (prev && prev.nodeType === 3 && !prev.data.trim()) prev = prev.previousSibling;
    if (prev && prev.nodeType === 3) {
      // Only the last character goes into the span: there is no break opportunity between two
      // letters, so the button stays with the whole last word, and a long last word (a Swedish
      // compound in a title) can still wrap instead of pushing the page sideways.
      var text = prev.data.replace(/\s+$/, "");
      tail.appendChild(document.createTextNode(text.slice(-1)));
      prev.data = text.slice(0, -1);
    } else if (prev && prev.nodeType === 1) {
      tail.appendChild(prev);
    }
    tail.appendChild(button);
    h.replaceChild(tail, anchor);
  }

  // The buttons are copies of one, made in slices of 40 headings per task, so a page with
  // hundreds of headings (the Sources list has 200) never holds up the page for long; one click
  // listener serves them all.
  function addCopyButtons(ui) {
    var anchors = Array.prototype.slice.call(document.querySelectorAll("article [id] > a.headerlink"));
    var proto = document.createElement("button");
    proto.type = "button";
    proto.className = "sesguide-copy";
    proto.setAttribute("title", ui.copy_link);
    proto.innerHTML = ICON_LINK;
    function slice(start) {
      anchors.slice(start, start + 40).forEach(function (anchor) {
        var h = anchor.parentNode, button = proto.cloneNode(true);
        button.setAttribute("aria-label", ui.copy_link + ": " + headingText(h, anchor));
        button.setAttribute("data-sesguide-section", h.id);
        keepWithLastWord(h, anchor, button);
      });
      if (start + 40 < anchors.length) setTimeout(function () { slice(start + 40); });
    }
    slice(0);
    document.addEventListener("click", function (ev) {
      var button = ev.target.closest && ev.target.closest("button.sesguide-copy");
      if (!button) return;
      var id = button.getAttribute("data-sesguide-section");
      var url = location.href.split("#")[0] + "#" + id;
      if (location.hash !== "#" + id) {
        history.replaceState(history.state, "", "#" + id);
        updateSwitcher();
      }
      copyText(url).then(function (ok) {
        announce(ok ? ui.copy_done : ui.copy_failed);
        if (ok) {
          button.classList.add("sesguide-copy--done");
          button.innerHTML = ICON_DONE;
          setTimeout(function () { button.classList.remove("sesguide-copy--done"); button.innerHTML = ICON_LINK; }, 2500);
        }
      });
    });
  }

  // -- 2. the language switcher keeps the section ---------------------------------------------
  var switcher = document.querySelector("a[data-sesguide-switch]");
  var switchBase = switcher ? switcher.getAttribute("href").split("#")[0] : null;
  var notFound = !!document.getElementById("sesguide-pages");

  function updateSwitcher() {
    if (!switcher || notFound) return;
    var hash = location.hash.length > 1 ? location.hash : "";
    switcher.setAttribute("href", switchBase + hash);
  }

  // -- 3. closest pages on the 404 page --------------------------------------------------------
  function distance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  function slugWords(path) {
    return path.toLowerCase().replace(/\.html?$|index$/g, "").split(/[^a-z0-9]+/).filter(Boolean);
  }

  // Score: how much of the requested address a page's address explains (whole-word matches,
  // then near misses such as typos), minus a little for length differences.
  function closestPages(requested, list) {
    var words = slugWords(requested);
    if (!words.length) return [];
    return list.pages.map(function (url, i) {
      var page = slugWords(url), score = 0;
      words.forEach(function (w) {
        var best = 0;
        page.forEach(function (p) {
          if (p === w) best = Math.max(best, 1);
          else if (w.length > 3 && (p.indexOf(w) === 0 || w.indexOf(p) === 0) && p.length > 2) best = Math.max(best, 0.7);
          else {
            var d = distance(w, p), len = Math.max(w.length, p.length);
            if (len > 3 && d / len <= 0.34) best = Math.max(best, 0.8 - d / len);
          }
        });
        score += best;
      });
      return {url: url, title: list.titles[i], score: score / words.length - Math.abs(page.length - words.length) * 0.05};
    }).filter(function (p) { return p.score >= 0.3; })
      .sort(function (a, b) { return b.score - a.score; })
      .slice(0, 3);
  }

  function suggest() {
    var list = readJson("sesguide-pages"), box = document.getElementById("sesguide-suggest");
    if (!list || !box) return;
    var path = decodeURIComponent(location.pathname);
    if (path.indexOf(list.root) === 0) path = path.slice(list.root.length);
    var found = closestPages(path, list);
    if (!found.length) return;
    var ul = box.querySelector("ul");
    found.forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = list.root + p.url;
      a.textContent = p.title;
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.hidden = false;
  }

  // -- 4. the cite box ---------------------------------------------------------------------------
  function enhanceCite(p) {
    var lang = document.documentElement.lang || "en";
    var today;
    try {
      today = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" }).format(new Date());
    } catch (e) {
      today = new Date().toISOString().slice(0, 10);
    }
    var accessed = document.createElement("span");
    accessed.className = "sesguide-cite-accessed";
    accessed.textContent = ", " + p.getAttribute("data-accessed") + " " + today;
    p.appendChild(accessed);

    var button = document.createElement("button");
    button.type = "button";
    button.className = "sesguide-cite-copy";
    button.textContent = p.getAttribute("data-copy");
    var state = document.createElement("span");
    state.className = "sesguide-cite-status";
    state.setAttribute("role", "status");
    state.setAttribute("aria-live", "polite");
    var row = document.createElement("p");
    row.className = "sesguide-cite-row";
    row.appendChild(button);
    row.appendChild(state);
    p.parentNode.insertBefore(row, p.nextSibling);

    button.addEventListener("click", function () {
      copyText(citationText(p)).then(function (ok) {
        state.textContent = p.getAttribute(ok ? "data-copied" : "data-copy-failed");
        if (ok) return;
        // Copying was refused: select the citation, so the reader can copy it by hand.
        var range = document.createRange();
        range.selectNodeContents(p);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      });
    });
  }

  function citationText(p) {
    var clone = p.cloneNode(true);
    var label = clone.querySelector("strong");
    if (label) { clone.removeChild(label); }
    return clone.textContent.replace(/\s+/g, " ").trim() + ".";
  }

  // The switcher first; the buttons, the cite box and the 404 suggestions each in a task of
  // their own, so none of them lengthens the task that first lays out a long page.
  function start() {
    updateSwitcher();
    window.addEventListener("hashchange", updateSwitcher);
    var ui = readJson("sesguide-reader-data");
    if (ui) setTimeout(function () { addCopyButtons(ui); });
    setTimeout(function () {
      Array.prototype.forEach.call(document.querySelectorAll("p.sesguide-cite"), enhanceCite);
    });
    setTimeout(suggest);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Site search: the header's search button (hidden in the HTML, so there is no dead control
 * without JavaScript) is shown here and opens the search with a click or the `/` key. Its script
 * and stylesheet (sesguide-search.*) and Pagefind's index load only when it is first opened. */
(function () {
  "use strict";
  var button = document.querySelector("button[data-sesguide-search]");
  if (!button) { return; }
  var loading = false;

  function open() {
    if (window.SESGuideSearch) { window.SESGuideSearch.open(); return; }
    if (loading) { return; }
    loading = true;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = button.getAttribute("data-sesguide-style");
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = button.getAttribute("data-sesguide-script");
    script.onload = function () { if (window.SESGuideSearch) { window.SESGuideSearch.open(); } };
    script.onerror = function () { loading = false; };
    document.head.appendChild(script);
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  button.hidden = false;
  button.addEventListener("click", open);
  // Capture phase, so the theme's own keyboard shortcuts never see the `/` that opens the search.
  window.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !typing(ev.target) &&
        !document.querySelector("dialog.sesguide-search[open]")) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
      open();
    }
  }, true);
})();
