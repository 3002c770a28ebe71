/* Progressive enhancement only: the pages are complete without this script.
   1. Wide screens: lift each margin note to the line of its mark (the CSS alone floats it
      from the end of its paragraph). Uses transform, so nothing else moves.
   2. Printing: open every <details> so that no dropdown hides text on paper.
   3. Escape closes a glossary definition shown on hover or focus (WCAG 1.4.13). */
(function () {
  "use strict";
  var wide = window.matchMedia("screen and (min-width: 60rem)");

  function markOf(note) {
    var id = note.id || (note.firstElementChild && note.firstElementChild.id);
    if (!id) return null;
    var ref = note.id ? "ref-" + note.id.replace(/^note-/, "") : null;
    return (ref && document.getElementById(ref)) ||
      document.querySelector('a[href="#' + CSS.escape(id) + '"]');
  }

  function align() {
    var notes = document.querySelectorAll(".reading-text .anno-note, .reading-text .footnote-list");
    var floor = -Infinity;
    notes.forEach(function (note) { note.style.transform = ""; });
    if (!wide.matches) return;
    notes.forEach(function (note) {
      var mark = markOf(note);
      var box = note.getBoundingClientRect();
      var want = mark ? mark.getBoundingClientRect().top - 4 : box.top;
      var top = Math.min(box.top, Math.max(want, floor));
      if (top < box.top) note.style.transform = "translateY(" + (top - box.top) + "px)";
      floor = top + box.height + 12;
    });
  }

  function openAll() {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      d.dataset.printOpened = "";
    });
  }
  function restore() {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) {
      d.removeAttribute("open");
      delete d.dataset.printOpened;
    });
  }

  align();
  wide.addEventListener("change", align);
  window.addEventListener("resize", align);
  window.addEventListener("load", align);
  window.addEventListener("hashchange", align);
  window.addEventListener("beforeprint", openAll);
  window.addEventListener("afterprint", restore);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".term:hover, .term:focus-within").forEach(function (term) {
      term.classList.add("dismissed");
    });
  });
  document.addEventListener("focusout", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (term) term.classList.remove("dismissed");
  });
  document.addEventListener("mouseout", function (event) {
    var term = event.target.closest && event.target.closest(".term.dismissed");
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("dismissed");
  });
})();
