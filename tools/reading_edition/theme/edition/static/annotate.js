/* "Annotate this passage": from words selected in the article to a new annotation file.

   Loaded by edition.js only once a reader selects words in the reading text. The quote is read
   from the same reading text the build anchors against: the words of the numbered paragraphs,
   without paragraph numbers, note markers, footnote marks, [sic] or hidden glossary previews,
   whitespace collapsed. Its prefix or suffix is the shortest that makes it unique, found as the
   checker finds it (text/anchoring.py). The file is offered as GitHub's "new file" page for the
   edition's repository (edition_repository and edition_branch in conf.py), or, without them, to
   download or copy. Its placeholders (TODO) are refused by `edition check` until filled. */
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
  var SKIP = "a.para-num, a.footnote-reference, a.anno-marker, .term-preview, .sic, .anno-note";
  var panel = null;

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
        '    date: "n.d."',
        '    url: "https://example.org/TODO"',
        '    quote: "TODO: the words of the source that support the note"'
      );
    }
    lines.push("---", "", "TODO: write the annotation here, in your own words.", "");
    return lines.join("\n");
  }

  function build() {
    panel = document.createElement("div");
    panel.className = "annotate-panel";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "Annotate the selected words");
    var kinds = CONFIG.kinds.map(function (k) {
      return '<option value="' + k[0] + '"' + (k[0] === "context" ? " selected" : "") + ">" + k[1] + "</option>";
    }).join("");
    panel.innerHTML =
      '<p class="annotate-quote"></p>' +
      '<label>Title <input name="title" type="text" maxlength="120" autocomplete="off"></label>' +
      '<label>Kind <select name="kind">' + kinds + "</select></label>" +
      '<p class="annotate-actions"><a class="annotate-link">Annotate this passage</a>' +
      (CONFIG.repository ? "" : ' <button type="button" class="annotate-copy">Copy the file</button>') +
      "</p>" +
      '<p class="annotate-help"></p>';
    panel.addEventListener("input", refresh);
    panel.addEventListener("change", refresh);
    var copy = panel.querySelector(".annotate-copy");
    if (copy) copy.addEventListener("click", function () {
      navigator.clipboard.writeText(panel.dataset.file).then(function () {
        panel.querySelector(".annotate-help").textContent = "Copied: save it as annotations/" + panel.dataset.name;
      });
    });
    return panel;
  }

  var current = null, blobUrl = null;
  function refresh() {
    if (!panel || !current) return;
    var title = panel.querySelector("[name=title]").value.trim();
    var kind = panel.querySelector("[name=kind]").value;
    var file = fileOf(current, title, kind);
    var name = slug(title || current.exact) + ".md";
    panel.dataset.file = file;
    panel.dataset.name = name;
    var link = panel.querySelector(".annotate-link");
    var help = panel.querySelector(".annotate-help");
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

  function show(quote, selection) {
    if (!panel) build();
    current = quote;
    panel.querySelector(".annotate-quote").textContent = quote.error || ("¶ " + quote.paragraph + ": “" + quote.exact + "”");
    panel.querySelector(".annotate-actions").hidden = !!quote.error;
    var para = selection.getRangeAt(0).startContainer.parentElement.closest(".reading-text p.numbered");
    if (para && panel.previousElementSibling !== para) para.after(panel);
    panel.hidden = false;
    refresh();
  }

  function onSelection() {
    var selection = document.getSelection();
    if (panel && panel.contains(document.activeElement)) return; // typing a title
    var quote = quoteOf(selection);
    if (quote) show(quote, selection);
    else if (panel && selection && !selection.isCollapsed) panel.hidden = true;
  }

  document.addEventListener("selectionchange", function () {
    clearTimeout(onSelection.timer);
    onSelection.timer = setTimeout(onSelection, 150);
  });
  window.editionAnnotate = { quoteOf: quoteOf, fileOf: fileOf, slug: slug, refresh: onSelection };
  onSelection();
})();
