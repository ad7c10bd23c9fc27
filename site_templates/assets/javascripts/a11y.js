/* Accessibility that needs the page as Material builds it in the browser:
   a name for the search dialog, and keyboard access to tables that scroll sideways. */
(function () {
  "use strict";

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
    }
  }

  /* The heading above a table names its scroll region for screen readers. */
  function headingBefore(element) {
    for (var node = element.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node;
    }
    return null;
  }

  function focusableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      wrap.setAttribute("tabindex", "0");
      var heading = headingBefore(wrap);
      if (heading) {
        var title = heading.cloneNode(true);
        title.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", title.textContent.trim());
      }
    });
  }

  function fix() {
    nameSearchDialog();
    focusableTables();
  }

  /* Material publishes document$ for its instant navigation; without it, run once. */
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(fix);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
