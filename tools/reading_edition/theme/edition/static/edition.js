/* Progressive enhancement only: the pages are complete without this script.
   1. Wide screens: lift each margin note to the line of its mark (the CSS alone floats it from
      the end of its paragraph). Uses transform, so nothing else moves and nothing shifts.
   2. Printing: open every <details>, so that no dropdown hides text on paper.
   3. Escape hides a glossary definition shown on hover or focus (WCAG 1.4.13). */
(function () {
  "use strict";
  var wide = matchMedia("screen and (min-width: 60rem)");
  var all = function (sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); };

  // A note's mark: #ref-ID for an annotation, the link to the footnote for a footnote.
  function markOf(note) {
    var id = note.id || note.firstElementChild.id;
    return document.getElementById(id.replace(/^note-/, "ref-")) ||
      document.querySelector('a[href="#' + CSS.escape(id) + '"]');
  }

  var lifted = false;
  function align() {
    if (!wide.matches && !lifted) return; // narrow screens: nothing to do, touch nothing
    var notes = all(".reading-text .anno-note, .reading-text .footnote-list");
    notes.forEach(function (n) { n.style.transform = ""; });
    lifted = wide.matches;
    if (!lifted) return;
    // Every read first, then every write: one layout however many notes.
    var boxes = notes.map(function (n) {
      var box = n.getBoundingClientRect(), mark = markOf(n);
      return { top: box.top, height: box.height, want: mark ? mark.getBoundingClientRect().top - 4 : box.top };
    });
    var floor = -Infinity;
    boxes.forEach(function (b, i) {
      var top = Math.min(b.top, Math.max(b.want, floor));
      if (top < b.top) notes[i].style.transform = "translateY(" + (top - b.top) + "px)";
      floor = top + b.height + 8;
    });
  }
  var queued = false;
  function alignSoon() {
    if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; align(); }); }
  }
  align();
  wide.addEventListener("change", alignSoon);
  addEventListener("resize", alignSoon);
  addEventListener("hashchange", alignSoon);

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
