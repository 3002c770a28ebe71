/* Progressive enhancement only: the pages are complete without this script.
   1. Wide screens: each margin note (annotation or footnote) sits on the line of its mark, moved
      with a transform (nothing else moves), and shows its head and its first sentence (at least
      LEAD characters in all) without a click: a longer note is cut at the end of a line and
      ends with a "more" button (aria-expanded) that opens it in place; the notes below move
      down, and closing puts them back. Notes never overlap. Where the margin runs out of room,
      a note shows its head only, and a note that still cannot sit within LIMIT px of its mark
      goes into the flow after its paragraph (.in-flow). The distance rule is for closed notes:
      an open note may push its followers further.
   2. Following a mark keeps the passage in view: the mark is scrolled to the upper part of the
      screen and its note opens beside it (wide) or in a panel at the foot of the screen
      (narrow), which has a close button. Escape closes an open note.
   3. A passage is lit while its note or mark is hovered, focused or open.
   4. Printing: open every <details>, so that no dropdown hides text on paper.
   5. Escape hides a glossary definition shown on hover or focus (WCAG 1.4.13). */
(function () {
  "use strict";
  var LIMIT = 150, GAP = 6, LEAD = 100, LEAD_MAX = 320;
  var wide = matchMedia("screen and (min-width: 60rem)");
  var all = function (sel) { return Array.from(document.querySelectorAll(sel)); };
  var NOTES = ".reading-text .anno-note, .reading-text aside.footnote";
  var SENTENCE = /[.!?][\u201d\u2019")\]]*(?=\s|$)/g;

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
  function headOf(note) { return note.querySelector(".anno-head, .label"); }

  // Each note gets one button: "more"/"less" beside the text, "Close" on the phone's panel.
  function toggleOf(note) {
    var button = note.querySelector(":scope > button.note-toggle");
    if (button) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "note-toggle";
    button.setAttribute("aria-controls", note.id);
    // After the note's head: the keyboard and a screen reader meet the note's number, kind and
    // title first, then its button (drawn in the note's corner: the order does not show).
    var head = headOf(note);
    note.insertBefore(button, head ? head.nextSibling : note.firstChild);
    // Opened or closed by the reader's hand: no longer a note that closes when the focus leaves.
    button.addEventListener("click", function () { delete note.dataset.focused; setOpen(note, !isOpen(note), true); });
    return button;
  }
  function isOpen(note) {
    return wide.matches ? note.classList.contains("open") : note.matches(":target");
  }
  function label(note) {
    var button = toggleOf(note), open = isOpen(note);
    button.setAttribute("aria-expanded", String(open));
    button.textContent = wide.matches ? (open ? "less" : "more") : "Close";
  }
  function setOpen(note, open, focus) {
    if (!wide.matches) {
      // The phone's panel is the note as :target: closing it follows the back link.
      var mark = markOf(note);
      if (!open && mark) { location.hash = mark.id; if (focus) mark.focus(); }
      else if (open) location.hash = note.id;
      return;
    }
    note.classList.toggle("open", open);
    if (!open) delete note.dataset.followed;
    place();
    label(note);
    if (focus) toggleOf(note).focus({ preventScroll: true });
  }

  // Where a note's lead ends (viewport px): the bottom of the line that holds its LEAD-th
  // character (the head counts; a run of spaces is one), and of the line that ends its first
  // sentence (at most LEAD_MAX characters in). Lines are shown whole: a note is never
  // cut inside a line.
  function leadBottoms(note, head) {
    var walker = document.createTreeWalker(note, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("button, .anno-back-line, .fn-bracket") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var count = 0, gap = false, lead = null, sentence = null, node, range = document.createRange();
    function bottom(text, at) {
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      var rects = range.getClientRects();
      return rects.length ? rects[rects.length - 1].bottom : null;
    }
    while ((node = walker.nextNode()) && (lead === null || sentence === null)) {
      var inHead = head && head.contains(node), end = -1;
      if (!inHead && sentence === null) {
        SENTENCE.lastIndex = 0;
        var m = SENTENCE.exec(node.data);
        if (m) end = m.index + m[0].length - 1;
      }
      for (var i = 0; i < node.data.length; i++) {
        var space = /\s/.test(node.data[i]);
        if (space && (gap || !count)) continue;
        gap = space;
        count++;
        if (count === LEAD) lead = bottom(node, i);
        if (i === end || (count === LEAD_MAX && sentence === null)) sentence = bottom(node, i);
      }
    }
    return { lead: lead, sentence: sentence };
  }

  // Reads only: for each note, where it is, its mark, and the heights it may be shown at,
  // tallest first: whole, or cut after its first sentence, after its lead, after its head.
  function measure(notes, marks) {
    return notes.map(function (n, i) {
      var box = n.getBoundingClientRect(), m = marks[i], head = headOf(n), ends = leadBottoms(n, head);
      // A few px under the last line's letters, above the next line's.
      var cut = function (y) { return y === null ? box.height : Math.min(box.height, y - box.top + 3); };
      // (Viewport y's: above the screen they are negative, so "no line" is null, never 0.)
      var found = [ends.lead, ends.sentence].filter(function (y) { return y !== null; });
      var heights = [box.height, cut(found.length ? Math.max.apply(null, found) : null), cut(ends.lead),
        head ? cut(head.getBoundingClientRect().bottom) : box.height];
      // Whole when the whole is hardly longer than the sentence cut, or when the note is shorter
      // than its lead (fewer than LEAD characters: its lead is all of it, though its first
      // sentence, say a block quote's, ends before); no two levels the same.
      var levels = [], heads = -1;
      heights.forEach(function (h, k) {
        if (k === 0 && heights[1] < h - 4 && heights[2] < h - 4) return;
        if (!levels.length || h < levels[levels.length - 1] - 4) levels.push(h);
      });
      // The first level no taller than the head (a first sentence ending on the head's line is
      // one with it): there and below, the head is drawn alone.
      levels.forEach(function (h, k) { if (heads < 0 && h <= heights[3] + 4) heads = k; });
      // The lowest level that still shows the lead.
      var lead = 0;
      while (lead < levels.length - 1 && levels[lead + 1] >= heights[2] - 0.5) lead++;
      return {
        i: i, at: box.top, full: box.height, mark: m ? m.getBoundingClientRect().top : box.top,
        levels: levels, lead: lead, level: lead, heads: heads
      };
    });
  }

  function shown(it) { return it.levels[it.level]; }
  function heightOf(it) { return it.open ? it.full : shown(it); }

  // Arithmetic only: in reading order of the marks, each note at its mark's line or just below
  // the note before it, first with its lead. A note that would sit too far from its mark first
  // takes room from the notes that push it, the largest saving first, shown as heads only; if
  // that is not enough, it goes into the flow. Then each note, in order, shows more (its first
  // sentence, or all of it) where that sends no note too far. The open notes' extra height is
  // left out of all this: an open note pushes its followers down but never sends one away.
  function decide(items) {
    items.sort(function (a, b) { return a.mark - b.mark || a.i - b.i; });
    function tops(from, closed) {
      var floor = -Infinity;
      if (from > 0) { var p = items[from - 1]; floor = p.top + (closed ? shown(p) : heightOf(p)) + GAP; }
      for (var k = from; k < items.length; k++) {
        var it = items[k];
        it.top = Math.max(it.mark - 2, floor);
        floor = it.top + (closed ? shown(it) : heightOf(it)) + GAP;
      }
    }
    function tooFar(from) {
      for (var k = from; k < items.length; k++) if (items[k].top - items[k].mark > LIMIT - 10) return true;
      return false;
    }
    items.forEach(function (it) { it.level = it.lead; });
    tops(0, true);
    for (var k = 0; k < items.length; k++) {
      var it = items[k], over = it.top - it.mark - (LIMIT - 10);
      if (over <= 0) continue;
      var chain = [];
      for (var j = k - 1; j >= 0; j--) {
        chain.push(items[j]);
        if (items[j].top <= items[j].mark - 2 + 0.5) break;
      }
      var room = chain.reduce(function (s, c) { return s + shown(c) - c.levels[c.levels.length - 1]; }, 0);
      while (room >= over && it.top - it.mark > LIMIT - 10) {
        var best = null;
        chain.forEach(function (c) {
          if (c.level < c.levels.length - 1 && (!best || shown(c) - c.levels[c.level + 1] > shown(best) - best.levels[best.level + 1])) best = c;
        });
        if (!best) break;
        best.level++;
        tops(items.indexOf(best), true);
      }
      if (it.top - it.mark > LIMIT - 10) {
        it.flow = true;
        items.splice(k, 1);
        k--;
        tops(0, true);
      }
    }
    for (var n = 0; n < items.length; n++) {
      while (items[n].level > 0) {
        items[n].level--;
        tops(n, true);
        if (tooFar(n)) { items[n].level++; tops(n, true); break; }
      }
    }
    tops(0, false);
    return items;
  }

  function place() {
    var notes = all(NOTES);
    notes.forEach(function (n) {
      n.style.transform = "";
      n.classList.remove("in-flow", "cut", "heads");
    });
    if (!notes.length) return;
    notes.forEach(label);
    if (!wide.matches) {
      notes.forEach(function (n) { toggleOf(n).hidden = false; });
      return;
    }
    var marks = notes.map(markOf);
    var items = measure(notes, marks), placed = [];
    items.forEach(function (it) { it.open = notes[it.i].classList.contains("open"); });
    for (var round = 0; round < 4; round++) {
      var live = items.filter(function (it) { return !it.flow; });
      placed = decide(live.slice());
      var newly = live.filter(function (it) { return it.flow; });
      if (!newly.length) break;
      // Into the flow (one write), read its lines there and cut it after its lead, then read
      // again: what follows has moved down, together.
      newly.forEach(function (it) { notes[it.i].classList.add("in-flow"); });
      var again = measure(notes, marks);
      newly.forEach(function (it) {
        var a = again[it.i];
        it.levels = a.levels; it.lead = a.lead; it.level = a.lead; it.full = a.full; it.heads = a.heads;
        cutAt(notes[it.i], it);
      });
      measure(notes, marks).forEach(function (a, i) { items[i].at = a.at; items[i].mark = a.mark; });
    }
    notes.forEach(function (n, i) { cutAt(n, items[i]); });
    placed.forEach(function (it) {
      if (!it.flow) notes[it.i].style.transform = "translateY(" + (it.top - it.at) + "px)";
    });
  }

  // Write: the note cut at its level (a note in the flow at its lead), "more" when cut.
  function cutAt(n, it) {
    if (it.flow) it.level = it.lead;
    var h = shown(it), cut = !it.open && h < it.full - 4;
    n.classList.toggle("cut", cut);
    // Cut to its head: no word of the body dangles after the head. (A level between the lead
    // and the head, a first sentence shorter than the lead, was measured with the head run
    // in: drawn so, or a block quote after it would move and be cut.)
    n.classList.toggle("heads", cut && it.level > it.lead && it.heads >= 0 && it.level >= it.heads);
    n.style.setProperty("--cut", h + "px");
    // Its height with its lead: the tests compare it with the room it had.
    n.dataset.lead = String(Math.round(it.levels[it.lead]));
    toggleOf(n).hidden = !cut && !it.open;
  }

  var queued = false;
  function placeSoon() {
    if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; place(); }); }
  }

  // Following a mark: the mark in the upper part of the screen, its note beside or below it,
  // open. Following the note's back link closes it again.
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var note = target && target.matches(NOTES) ? target : null;
    lightUp(note ? annoOf(note) : "", "open");
    all(NOTES).forEach(function (n) {
      if (n !== note && n.dataset.followed) { n.classList.remove("open"); delete n.dataset.followed; }
    });
    if (note && !note.classList.contains("open")) { note.classList.add("open"); note.dataset.followed = "1"; }
    var y = scrollY;
    place();
    if (!note) {
      // Back at a mark: keep it in view, whatever the notes' new places did to the scroll.
      if (target && scrollY !== y) scrollTo(0, y);
      return;
    }
    var mark = markOf(note);
    if (!mark) return;
    var top = mark.getBoundingClientRect().top;
    if (top < 0 || top > innerHeight * 0.4) scrollBy(0, top - innerHeight * 0.2);
  }

  function lightUp(id, why) {
    all("mark.anno-span.lit-" + why).forEach(function (m) { m.classList.remove("lit-" + why); if (!/lit-/.test(m.className)) m.classList.remove("lit"); });
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
    if (e.key !== "Escape") return;
    all(".term:hover, .term:focus-within").forEach(function (t) { t.classList.add("dismissed"); });
    // Escape closes the note that holds the focus, else the note opened last (or the panel).
    var inside = document.activeElement && document.activeElement.closest(NOTES);
    var open = all(NOTES).filter(isOpen);
    var note = inside && isOpen(inside) ? inside : open[open.length - 1];
    if (note) setOpen(note, false, !!inside);
  });
  // Tabbing into the cut part of a closed note opens it, until the focus leaves it: no focus on
  // words not drawn. The browser has already scrolled the clipped note to show the focused link
  // (its head out of sight, and so it would stay): scroll it back first, then see where it is.
  document.addEventListener("focusin", function (e) {
    var note = wide.matches && e.target.closest && e.target.closest(NOTES);
    if (!note) return;
    note.scrollTop = 0;
    if (!note.classList.contains("cut") || e.target.matches("button.note-toggle")) return;
    if (e.target.getBoundingClientRect().bottom > note.getBoundingClientRect().bottom) {
      setOpen(note, true, false);
      note.dataset.focused = "1";
    }
  });
  document.addEventListener("focusout", function (e) {
    var note = e.target.closest && e.target.closest(NOTES);
    if (!note || !note.dataset.focused || (e.relatedTarget && note.contains(e.relatedTarget))) return;
    delete note.dataset.focused;
    setOpen(note, false, false);
  });
  ["focusout", "mouseleave"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var term = e.target.closest && e.target.closest(".term"); // the term itself, or inside it
      if (term) term.classList.remove("dismissed");
    }, true);
  });
})();

// 6. Selecting words, or a ¶ number: Cite, Copy link, Suggest an annotation (annotate.js, loaded
// only then).
(function () {
  "use strict";
  var self = document.currentScript && document.currentScript.src;
  if (!self || !document.querySelector(".reading-text")) return;
  var loaded = false;
  // Each ¶ number opens Cite and Copy link for its paragraph: say so to screen readers.
  document.querySelectorAll(".reading-text a.para-num").forEach(function (a) {
    a.setAttribute("aria-haspopup", "dialog");
    a.title = "Cite or copy a link";
  });
  function load() {
    loaded = true;
    var script = document.createElement("script");
    script.src = self.replace(/edition\.js(\?.*)?$/, "annotate.js");
    document.head.appendChild(script);
  }
  document.addEventListener("selectionchange", function () {
    var s = document.getSelection();
    if (loaded || !s || s.isCollapsed || !s.anchorNode) return;
    var el = s.anchorNode.nodeType === 1 ? s.anchorNode : s.anchorNode.parentElement;
    if (el && el.closest(".reading-text")) load();
  });
  document.addEventListener("click", function (e) {
    var number = !loaded && e.target.closest && e.target.closest(".reading-text a.para-num");
    if (!number) return;
    e.preventDefault();
    window.editionAnnotatePending = number;
    load();
  });
})();
