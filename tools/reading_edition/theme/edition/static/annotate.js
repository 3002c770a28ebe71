/* Selecting words of the reading text: a small control beside the selection, outside the text
   flow (nothing moves), with "Cite this passage", "Copy link to ¶ N" and "Suggest an
   annotation"; only the last shows the contributor's form. Each ¶ number opens the same control
   for its paragraph (Cite, Copy link) from the keyboard or a click. Escape and the close button
   close it.

   Loaded by edition.js once a reader selects words of the reading text or uses a ¶ number. The
   quote is read from the same reading text the build anchors against: the words of the numbered
   paragraphs, without paragraph numbers, note markers, footnote marks, [sic] or hidden glossary
   previews, whitespace collapsed, widened to whole words. Its prefix or suffix is the shortest
   that makes it unique, found as the checker finds it (text/anchoring.py). The suggested file
   is offered as GitHub's "new file" page of the edition's repository (conf.py's
   edition_repository, else GITHUB_REPOSITORY in CI, else a GitHub origin remote: see
   sphinxext/page_assets.py), or, with none known, to download or copy. Its placeholders (TODO)
   are refused by `edition check` until filled. */
(function () {
  "use strict";
  // From conf.py and the model's kinds, on the page's script element (sphinxext/page_assets.py).
  var holder = document.querySelector("script[data-annotate]");
  var CONFIG = { repository: "", branch: "main", kinds: [], factual: [] };
  try {
    if (holder) CONFIG = JSON.parse(holder.getAttribute("data-annotate"));
  } catch (e) {
    /* a malformed attribute: offer the file to download, with no kinds listed */
  }
  // The control's styles come with it (annotate.css): nothing of them on a page before.
  var styled = false, whenStyled = null;
  (function () {
    var me = document.currentScript && document.currentScript.src;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = (me || "").replace(/annotate\.js(\?.*)?$/, "annotate.css");
    link.onload = link.onerror = function () {
      styled = true;
      var next = whenStyled;
      whenStyled = null;
      if (next) next();
    };
    document.head.appendChild(link);
  })();
  var SKIP = "a.para-num, a.footnote-reference, a.anno-marker, .term-preview, .sic, .anno-note";
  // A letter or digit, or an apostrophe inside a word.
  var WORD = /[\p{L}\p{N}\u2019'\u00ad-]/u;
  var NBSP = "\u00a0";

  function normalise(text) {
    return text.normalize("NFC").replace(/\s+/g, " ").trim();
  }

  // The reading text of a paragraph as raw pieces: [textNode, startInRaw], and the raw string.
  function pieces(para) {
    var walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var el = node.parentElement;
        return el && el.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var list = [], raw = "", node;
    while ((node = walker.nextNode())) { list.push([node, raw.length]); raw += node.data; }
    return { list: list, raw: raw };
  }

  // Offset in the paragraph's raw reading text of a DOM boundary point (container, offset).
  function rawOffset(para, text, container, offset) {
    for (var i = 0; i < text.list.length; i++) {
      var node = text.list[i][0];
      if (node === container) return text.list[i][1] + offset;
    }
    // A boundary in an element, or in skipped text: the first reading-text node after it.
    var probe = document.createRange();
    probe.setStart(container, offset);
    for (var j = 0; j < text.list.length; j++) {
      if (probe.comparePoint(text.list[j][0], 0) >= 0) return text.list[j][1];
    }
    return text.raw.length;
  }

  // Normalised offset of a raw offset: what normalise() keeps before it.
  function normalOffset(raw, offset) {
    var before = raw.slice(0, offset).normalize("NFC").replace(/\s+/g, " ").replace(/^ /, "");
    return before.length;
  }

  function paragraphs() {
    return Array.prototype.slice.call(document.querySelectorAll(".reading-text p.numbered"));
  }

  // The checker's rule: the fewest words before (prefix) or after (suffix) this occurrence,
  // within its paragraph, that no other occurrence shares.
  function pick(texts, matches, mine) {
    function words(m, side, n) {
      var para = texts[m.p];
      if (side === "prefix") return para.slice(0, m.start).trim().split(" ").filter(Boolean).slice(-n).join(" ");
      return para.slice(m.end).trim().split(" ").filter(Boolean).slice(0, n).join(" ");
    }
    for (var n = 1; n < 8; n++) {
      var sides = ["prefix", "suffix"];
      for (var s = 0; s < 2; s++) {
        var w = words(mine, sides[s], n);
        var same = matches.filter(function (m) { return words(m, sides[s], n) === w; }).length;
        if (w && same === 1) return [sides[s], w];
      }
    }
    return null;
  }

  function quoteOf(selection) {
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    var end = range.endContainer.nodeType === 1 ? range.endContainer : range.endContainer.parentElement;
    var para = start && start.closest(".reading-text p.numbered");
    var endPara = end && end.closest(".reading-text p.numbered");
    if (!para && !endPara) return null;
    if (para !== endPara) return { error: "A note attaches to words within one paragraph: select fewer words." };
    var text = pieces(para);
    var a = rawOffset(para, text, range.startContainer, range.startOffset);
    var b = rawOffset(para, text, range.endContainer, range.endOffset);
    // Whole words: a selection that starts or ends inside a word takes all of it.
    while (a > 0 && a < text.raw.length && WORD.test(text.raw[a - 1]) && WORD.test(text.raw[a])) a--;
    while (b > 0 && b < text.raw.length && WORD.test(text.raw[b - 1]) && WORD.test(text.raw[b])) b++;
    var exact = normalise(text.raw.slice(a, b));
    if (exact.length < 2) return null;
    var all = paragraphs(), texts = all.map(function (p) { return normalise(pieces(p).raw); });
    var here = all.indexOf(para), at = normalOffset(text.raw, a);
    var matches = [];
    texts.forEach(function (t, p) {
      for (var i = t.indexOf(exact); i !== -1; i = t.indexOf(exact, i + 1)) matches.push({ p: p, start: i, end: i + exact.length });
    });
    var mine = matches.filter(function (m) { return m.p === here; })
      .sort(function (x, y) { return Math.abs(x.start - at) - Math.abs(y.start - at); })[0];
    if (!mine) return null;
    return { exact: exact, paragraph: here + 1, pick: matches.length > 1 ? pick(texts, matches, mine) : null };
  }

  function slug(title) {
    var ascii = title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    return (ascii.match(/[a-z0-9]+/g) || []).slice(0, 8).join("-") || "annotation";
  }

  function fileOf(quote, title, kind) {
    var q = JSON.stringify;
    var lines = ["---", "target:", "  exact: " + q(quote.exact)];
    if (quote.pick) lines.push("  " + quote.pick[0] + ": " + q(quote.pick[1]));
    lines.push(
      "kind: " + q(kind),
      "title: " + q(title || "TODO: a short title"),
      'authors: ["TODO: your name"]',
      'created: "' + new Date().toISOString().slice(0, 10) + '"'
    );
    if (CONFIG.factual.indexOf(kind) !== -1) {
      lines.push(
        "sources:",
        '  - title: "TODO: title of the source"',
        '    publisher: "TODO: publisher"',
        '    date: "TODO: YYYY-MM-DD, or n.d. if the source shows no date"',
        '    url: "https://example.org/TODO"',
        '    quote: "TODO: the words of the source that support the note"'
      );
    }
    lines.push("---", "", "TODO: write the annotation here, in your own words.", "");
    return lines.join("\n");
  }

  // The citation: the words (or the paragraph), where they are, and the address of ¶ N.
  function linkTo(n) { return location.href.replace(/#.*$/, "") + "#p-" + n; }
  function titleOf() {
    var h1 = document.querySelector("main h1");
    return h1 ? h1.textContent.replace(/§$/, "").trim() : document.title;
  }
  function citation(quote) {
    var where = "\u00b6" + NBSP + quote.paragraph;
    var words = quote.exact ? "\u201c" + quote.exact + "\u201d, " : "";
    return words + titleOf() + ", " + where + ". " + linkTo(quote.paragraph);
  }

  function copy(text, done) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else fallback();
  }

  // The control: built once, placed in the page's top layer of boxes (absolute, on <body>).
  var control = null, current = null, opener = null, blobUrl = null;
  function build() {
    control = document.createElement("div");
    control.className = "select-control";
    control.setAttribute("role", "dialog");
    control.setAttribute("aria-label", "The selected words");
    control.hidden = true;
    var kinds = CONFIG.kinds.map(function (k) {
      return '<option value="' + k[0] + '"' + (k[0] === "context" ? " selected" : "") + ">" + k[1] + "</option>";
    }).join("");
    control.innerHTML =
      '<p class="select-quote"></p>' +
      '<p class="select-actions">' +
      '<button type="button" data-do="cite">Cite this passage</button>' +
      '<button type="button" data-do="link"></button>' +
      '<button type="button" data-do="suggest" aria-expanded="false">Suggest an annotation</button>' +
      '</p>' +
      '<p class="select-status" role="status" aria-live="polite"></p>' +
      '<div class="annotate-form" hidden>' +
      '<label>Title <input name="title" type="text" maxlength="120" autocomplete="off"></label> ' +
      '<label>Kind <select name="kind">' + kinds + "</select></label>" +
      '<p class="annotate-actions"><a class="annotate-link">Propose the annotation</a>' +
      (CONFIG.repository ? "" : ' <button type="button" data-do="copy-file">Copy the file</button>') +
      "</p>" +
      '<p class="annotate-help"></p>' +
      "</div>" +
      '<button type="button" class="select-close" aria-label="Close">\u00d7</button>';
    document.body.appendChild(control);
    control.addEventListener("click", function (e) {
      var what = e.target.closest("[data-do]");
      if (!what) { if (e.target.closest(".select-close")) close(true); return; }
      var status = control.querySelector(".select-status");
      var act = what.getAttribute("data-do");
      if (act === "cite") copy(citation(current), function (ok) { status.textContent = ok ? "Citation copied." : "Copying is not allowed here."; });
      if (act === "link") copy(linkTo(current.paragraph), function (ok) { status.textContent = ok ? "Link copied." : "Copying is not allowed here."; });
      if (act === "copy-file") copy(control.dataset.file, function (ok) { status.textContent = ok ? "Copied: save it as annotations/" + control.dataset.name : ""; });
      if (act === "suggest") {
        var form = control.querySelector(".annotate-form");
        form.hidden = !form.hidden;
        what.setAttribute("aria-expanded", String(!form.hidden));
        refresh();
        if (!form.hidden) form.querySelector("input").focus();
      }
    });
    control.addEventListener("input", refresh);
    control.addEventListener("change", refresh);
    return control;
  }

  function refresh() {
    if (!control || !current || !current.exact) return;
    var title = control.querySelector("[name=title]").value.trim();
    var kind = control.querySelector("[name=kind]").value;
    var file = fileOf(current, title, kind);
    var name = slug(title || current.exact) + ".md";
    control.dataset.file = file;
    control.dataset.name = name;
    var link = control.querySelector(".annotate-link");
    var help = control.querySelector(".annotate-help");
    if (CONFIG.repository) {
      link.href = CONFIG.repository.replace(/\/$/, "") + "/new/" + encodeURIComponent(CONFIG.branch) +
        "?filename=" + encodeURIComponent("annotations/" + name) + "&value=" + encodeURIComponent(file);
      link.removeAttribute("download");
      help.textContent = "Opens GitHub with the file filled in: replace each TODO, then propose the file as a pull request.";
    } else {
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      blobUrl = URL.createObjectURL(new Blob([file], { type: "text/markdown" }));
      link.href = blobUrl;
      link.setAttribute("download", name);
      help.textContent = "Downloads annotations/" + name + ": replace each TODO, run make check, and propose the file as a pull request.";
    }
  }

  // Beside the selection (or the ¶ number): under its last line, inside the screen's width.
  function show(quote, rect, from) {
    if (!control) build();
    current = quote;
    opener = from || null;
    var words = control.querySelector(".select-quote");
    words.textContent = quote.error || (quote.exact ? "\u00b6" + NBSP + quote.paragraph + ": \u201c" + quote.exact + "\u201d" : "\u00b6" + NBSP + quote.paragraph);
    control.querySelector(".select-actions").hidden = !!quote.error;
    control.querySelector("[data-do=link]").textContent = "Copy link to \u00b6" + NBSP + quote.paragraph;
    var suggest = control.querySelector("[data-do=suggest]");
    suggest.hidden = !quote.exact;
    suggest.setAttribute("aria-expanded", "false");
    control.querySelector(".annotate-form").hidden = true;
    control.querySelector(".select-status").textContent = "";
    control.setAttribute("aria-label", quote.exact ? "The selected words" : "Paragraph " + quote.paragraph);
    control.hidden = false;
    var width = Math.min(control.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    control.style.left = left + scrollX + "px";
    control.style.top = rect.bottom + scrollY + 8 + "px";
  }

  function close(focusBack) {
    if (!control || control.hidden) return;
    control.hidden = true;
    if (focusBack && opener) opener.focus();
    opener = null;
  }

  function onSelection() {
    if (!styled) { whenStyled = onSelection; return; }
    var selection = document.getSelection();
    if (control && control.contains(document.activeElement)) return; // typing a title
    var quote = quoteOf(selection);
    if (quote) {
      var rects = selection.getRangeAt(0).getClientRects();
      show(quote, rects[rects.length - 1] || selection.getRangeAt(0).getBoundingClientRect(), null);
    } else if (control && !control.hidden && !(opener && opener.matches(":focus")) &&
               !(control.contains(document.activeElement))) close(false);
  }

  // A ¶ number: Cite and Copy link for its paragraph, without selecting text.
  function fromNumber(number) {
    if (!styled) { whenStyled = function () { fromNumber(number); }; return; }
    var para = number.closest(".reading-text p.numbered");
    var all = paragraphs(), here = all.indexOf(para);
    if (here < 0) return;
    show({ exact: "", paragraph: here + 1, pick: null }, number.getBoundingClientRect(), number);
    control.querySelector("[data-do=cite]").focus();
  }
  document.addEventListener("click", function (e) {
    var number = e.target.closest && e.target.closest(".reading-text a.para-num");
    if (number) { e.preventDefault(); fromNumber(number); return; }
    if (control && !control.hidden && !control.contains(e.target) && document.getSelection().isCollapsed) close(false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && control && !control.hidden) { e.stopPropagation(); close(true); }
  }, true);

  document.addEventListener("selectionchange", function () {
    clearTimeout(onSelection.timer);
    onSelection.timer = setTimeout(onSelection, 150);
  });
  window.editionAnnotate = { quoteOf: quoteOf, fileOf: fileOf, slug: slug, citation: citation, refresh: onSelection, fromNumber: fromNumber };
  // What brought the script: a selection, or a ¶ number (edition.js keeps which).
  var pending = window.editionAnnotatePending;
  if (pending) fromNumber(pending);
  else onSelection();
})();
