/* Progressive enhancement only: the pages are complete without this script.
   1. Wide screens: place each margin note (annotation or footnote) on the line of its mark,
      with a transform (nothing else moves). Notes never overlap; a note that cannot sit within
      LIMIT px of its mark goes into the flow after its paragraph (.in-flow) instead of being
      pushed down the page.
   2. Following a mark keeps the passage in view: the mark is scrolled to the upper part of the
      screen and its note is beside it (wide) or in a panel at the foot of the screen (narrow).
   3. A passage is lit while its note or mark is hovered, focused or open.
   4. Printing: open every <details>, so that no dropdown hides text on paper.
   5. Escape hides a glossary definition shown on hover or focus (WCAG 1.4.13). */
(function () {
  "use strict";
  var LIMIT = 150, GAP = 8;
  var wide = matchMedia("screen and (min-width: 60rem)");
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var NOTES = ".reading-text .anno-note, .reading-text aside.footnote";

  // A note's mark: #ref-ID for an annotation; for a footnote, the first link to it in the text.
  function markOf(note) {
    if (note.classList.contains("anno-note")) return document.getElementById(note.id.replace(/^note-/, "ref-"));
    return document.querySelector('.reading-text p a[href="#' + CSS.escape(note.id) + '"]');
  }
  function annoOf(el) {
    var note = el.closest(".anno-note"), id = note ? note.id.replace(/^note-/, "") : "";
    if (!id && el.matches("a.anno-marker")) id = el.id.replace(/^ref-/, "");
    return id;
  }

  function place() {
    var notes = all(NOTES);
    notes.forEach(function (n) { n.style.transform = ""; n.classList.remove("in-flow"); });
    if (!wide.matches || !notes.length) return;
    var marks = notes.map(markOf);
    // Decide (reads only): in reading order of the marks, each note at its mark's line or just
    // below the note before it; too far from its mark, it goes into the flow.
    function layout() {
      var items = notes.map(function (n, i) {
        var box = n.getBoundingClientRect(), m = marks[i];
        return { i: i, at: box.top, h: box.height, mark: m ? m.getBoundingClientRect().top : box.top };
      }).filter(function (it) { return !notes[it.i].classList.contains("in-flow"); });
      items.sort(function (a, b) { return a.mark - b.mark || a.i - b.i; });
      var floor = -Infinity, flow = [];
      items.forEach(function (it) {
        it.top = Math.max(it.mark - 2, floor);
        if (it.top - it.mark > LIMIT - 10) { flow.push(it); it.top = null; return; }
        floor = it.top + it.h + GAP;
      });
      return { items: items, flow: flow };
    }
    var first = layout();
    if (first.flow.length) {
      // Into the flow (one write), then read again: what follows has moved down, together.
      first.flow.forEach(function (it) { notes[it.i].classList.add("in-flow"); });
      first = layout();
    }
    first.items.forEach(function (it) {
      if (it.top !== null) notes[it.i].style.transform = "translateY(" + (it.top - it.at) + "px)";
    });
  }

  var queued = false;
  function placeSoon() {
    if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; place(); }); }
  }

  // Following a mark: the mark in the upper part of the screen, its note beside or below it.
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    var note = id && document.getElementById(id);
    lightUp(note && note.matches(NOTES) ? annoOf(note) : "", "open");
    if (!note || !note.matches(NOTES)) return;
    var mark = markOf(note);
    if (!mark) return;
    var top = mark.getBoundingClientRect().top;
    if (top < 0 || top > innerHeight * 0.4) scrollBy(0, top - innerHeight * 0.2);
  }

  function lightUp(id, why) {
    all("mark.anno-span.lit-" + why).forEach(function (m) { m.classList.remove("lit-" + why); if (!m.className.match(/lit-/)) m.classList.remove("lit"); });
    if (id) all('mark.anno-span[data-anno="' + CSS.escape(id) + '"]').forEach(function (m) { m.classList.add("lit", "lit-" + why); });
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var el = e.target.closest && e.target.closest(".reading-text .anno-note, a.anno-marker");
      lightUp(el ? annoOf(el) : "", type === "mouseover" ? "hover" : "focus");
    });
  });

  place();
  follow();
  wide.addEventListener("change", placeSoon);
  addEventListener("resize", placeSoon);
  addEventListener("load", placeSoon); // fonts and images may change the lines
  // The web font swaps in when it arrives (and a later file when a rarer character shows up).
  if (document.fonts) document.fonts.addEventListener("loadingdone", placeSoon);
  addEventListener("hashchange", follow);

  addEventListener("beforeprint", function () {
    all("details:not([open])").forEach(function (d) { d.open = d.dataset.printOpened = true; });
  });
  addEventListener("afterprint", function () {
    all("details[data-print-opened]").forEach(function (d) { d.open = false; delete d.dataset.printOpened; });
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") all(".term:hover, .term:focus-within").forEach(function (t) { t.classList.add("dismissed"); });
  });
  ["focusout", "mouseleave"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      if (e.target.classList && e.target.classList.contains("term")) e.target.classList.remove("dismissed");
      else if (e.target.closest && e.target.closest(".term")) e.target.closest(".term").classList.remove("dismissed");
    }, true);
  });
})();

// 4. "Annotate this passage": its script loads only once words of the reading text are selected.
(function () {
  "use strict";
  var self = document.currentScript && document.currentScript.src;
  if (!self || !document.querySelector(".reading-text")) return;
  var loaded = false;
  document.addEventListener("selectionchange", function () {
    var s = document.getSelection();
    if (loaded || !s || s.isCollapsed || !s.anchorNode) return;
    var el = s.anchorNode.nodeType === 1 ? s.anchorNode : s.anchorNode.parentElement;
    if (!el || !el.closest(".reading-text")) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = self.replace(/edition\.js(\?.*)?$/, "annotate.js");
    document.head.appendChild(script);
  });
})();
