/* The search page's results, for readers (loaded only on search.html, after Sphinx's search):
   each page listed once (Sphinx lists a page again for a glossary term or an index entry on
   it), and each result says what it is: a page, or an annotation with its kind and the ¶ it
   explains. The labels are written into the built copy of this file from the annotations
   (sphinxext/search_pages.py). */
(function () {
  "use strict";
  var holder = document.querySelector("script[data-labels]"), LABELS = {};
  try {
    if (holder) LABELS = JSON.parse(holder.getAttribute("data-labels"));
  } catch (e) {
    /* a malformed attribute: results labelled as pages */
  }
  var results = document.getElementById("search-results");
  if (!results) return;

  function docOf(href) {
    var path = href.split("#")[0].split("?")[0].replace(/\.html$/, "").replace(/\/$/, "/index");
    var root = location.pathname.replace(/[^/]*$/, "");
    var url = new URL(path, location.href).pathname;
    return url.indexOf(root) === 0 ? url.slice(root.length) : url;
  }

  var seen = {};
  function tidy() {
    var items = Array.prototype.slice.call(results.querySelectorAll("ul.search > li"));
    items.forEach(function (li) {
      var link = li.querySelector("a");
      if (!link || li.dataset.edition) return;
      li.dataset.edition = "1";
      var doc = docOf(link.getAttribute("href"));
      if (seen[doc] && seen[doc] !== li) { li.remove(); return; }
      seen[doc] = li;
      var label = document.createElement("span");
      label.className = "result-kind";
      label.textContent = (LABELS[doc] ? "Annotation \u00b7 " + LABELS[doc] : "Page") + " \u00b7 ";
      li.insertBefore(label, link);
    });
    // The count Sphinx gives counts the pages listed twice.
    var status = results.querySelector(".search-summary");
    var count = results.querySelectorAll("ul.search > li").length;
    if (status && /found \d+ pages?/.test(status.textContent)) {
      var words = "found " + count + (count === 1 ? " page" : " pages");
      var text = status.textContent.replace(/found \d+ pages?/, words);
      if (text !== status.textContent) status.textContent = text;
    }
  }
  new MutationObserver(tidy).observe(results, { childList: true, subtree: true, characterData: true });
})();
