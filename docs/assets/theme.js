/* Everything the site's other scripts take from the theme (Material for MkDocs), in one place,
   so a change of theme or a theme update touches this file only. Each item is covered by a
   browser test (tests/test_browser.py: the builder after instant navigation, its buttons).

   - onPage(callback): run on every page shown. Material's instant navigation swaps pages
     without reloading and announces each new one through its document$ observable; without
     it, a page is shown once, when it has loaded.
   - buttonClass(primary): the theme's class names for a button that looks like its own. */
(function () {
  "use strict";

  function onPage(callback) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { callback(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { callback(); });
    } else {
      callback();
    }
  }

  function buttonClass(primary) {
    return primary ? "md-button md-button--primary" : "md-button";
  }

  window.glossaryTheme = { onPage: onPage, buttonClass: buttonClass };
})();
