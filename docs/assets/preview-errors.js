// Live preview only (make serve): show the content check's errors over the page.
// The plugin adds this script to pages only under `mkdocs serve`; the published site never loads it.
(function () {
  "use strict";
  var root = document.querySelector('script[src$="assets/preview-errors.js"]');
  var base = root ? root.getAttribute("src").replace(/assets\/preview-errors\.js.*$/, "") : "/";
  fetch(base + "preview-errors.json", { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : { errors: [] }; })
    .then(function (data) {
      var errors = (data && data.errors) || [];
      if (!errors.length) return;
      var panel = document.createElement("section");
      panel.className = "preview-errors";
      panel.setAttribute("role", "alert");
      panel.setAttribute("aria-labelledby", "preview-errors-title");
      var title = document.createElement("h2");
      title.id = "preview-errors-title";
      title.textContent = errors.length === 1 ? "The content has an error" : "The content has " + errors.length + " errors";
      var note = document.createElement("p");
      note.textContent = "The preview shows the last version without errors. Fix these and save: this page reloads by itself.";
      var list = document.createElement("ol");
      errors.forEach(function (e) {
        var item = document.createElement("li");
        var where = document.createElement("code");
        where.textContent = e.path + ":" + e.line + ":" + e.col;
        item.appendChild(where);
        item.appendChild(document.createTextNode(" " + e.code + ": " + e.message));
        if (e.hint) {
          var hint = document.createElement("div");
          hint.className = "preview-errors__hint";
          hint.textContent = "How to fix: " + e.hint;
          item.appendChild(hint);
        }
        list.appendChild(item);
      });
      panel.appendChild(title);
      panel.appendChild(note);
      panel.appendChild(list);
      document.body.insertBefore(panel, document.body.firstChild);
    })
    .catch(function () { /* no file: nothing to show */ });
})();
