/* Reading-list builder: search the glossary, add and reorder entries, share the list as a
   link, print it as a handout. Static: it reads glossary.json from this site, keeps the list
   in the page address, and sends nothing anywhere. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function init() {
    var root = document.getElementById("rlb-app");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "yes";
    var base = new URL("../../", location.href);  // the builder lives at /reading-lists/builder/
    var params = new URLSearchParams(location.search);
    var state = {
      title: params.get("title") || "",
      items: (params.get("items") || "").split(",").filter(Boolean)
    };
    var entries = Object.create(null), order = [];

    root.innerHTML = "";
    var status = el("p", { "class": "rlb-status", "aria-live": "polite", role: "status" });
    var titleLabel = el("label", { "for": "rlb-title" }, "Title of the list");
    var titleInput = el("input", { id: "rlb-title", type: "text", placeholder: "e.g. Seminar 3: defences" });
    titleInput.value = state.title;
    var searchLabel = el("label", { "for": "rlb-search" }, "Find an entry to add");
    var searchInput = el("input", { id: "rlb-search", type: "search", autocomplete: "off",
                                    placeholder: "Type a term, e.g. transference", "aria-controls": "rlb-results" });
    var results = el("ul", { id: "rlb-results", "class": "rlb-results", "aria-label": "Matching entries" });
    var heading = el("h2", { id: "rlb-list-heading" }, "Your list");
    var list = el("ol", { id: "rlb-list", "class": "rlb-list", "aria-labelledby": "rlb-list-heading" });
    var total = el("p", { id: "rlb-total", "class": "rlb-total" });
    var linkLabel = el("label", { "for": "rlb-link" }, "Link to this list (share it with students)");
    var linkInput = el("input", { id: "rlb-link", type: "text", readonly: "" });
    var copyButton = el("button", { type: "button", "class": "md-button", id: "rlb-copy" }, "Copy link");
    var printButton = el("button", { type: "button", "class": "md-button md-button--primary", id: "rlb-print" }, "Print handout");
    var handout = el("div", { id: "rlb-handout", "class": "print-only reading-handout", "data-search-exclude": "" });
    var printTitle = el("h1", { "class": "print-only", id: "rlb-print-title" });

    [el("div", { "class": "rlb-field" }), el("div", { "class": "rlb-field" })].forEach(function (box, i) {
      if (i === 0) { box.append(titleLabel, titleInput); } else { box.append(searchLabel, searchInput, results); }
      root.append(box);
    });
    var actions = el("p", { "class": "rlb-actions" });
    actions.append(copyButton, document.createTextNode(" "), printButton);
    root.prepend(printTitle);  // in print, the list's own title heads the handout
    root.append(heading, total, list, linkLabel, linkInput, actions, status, handout);

    function minutesOf(slug) { return (entries[slug] && entries[slug].reading_minutes) || 1; }

    function shareUrl() {
      var url = new URL(location.href.split("?")[0].split("#")[0]);
      if (state.title) url.searchParams.set("title", state.title);
      if (state.items.length) url.searchParams.set("items", state.items.join(","));
      return url.toString();
    }

    function announce(text) { status.textContent = text; }

    function move(index, delta) {
      var target = index + delta;
      if (target < 0 || target >= state.items.length) return;
      var item = state.items.splice(index, 1)[0];
      state.items.splice(target, 0, item);
      render();
      announce(entries[item].title + " moved to position " + (target + 1) + ".");
      var buttons = list.children[target].querySelectorAll("button");
      (delta < 0 ? buttons[0] : buttons[1]).focus();
    }

    function render() {
      list.innerHTML = "";
      state.items.forEach(function (slug, index) {
        var entry = entries[slug];
        var li = el("li", { "class": "rlb-item" });
        var a = el("a", { href: new URL("glossary/" + slug + "/", base).toString() }, entry.title);
        li.append(a, document.createTextNode(" (" + minutesOf(slug) + " min)"));
        li.append(el("span", { "class": "rlb-summary" }, entry.summary));
        var controls = el("span", { "class": "rlb-controls screen-only" });
        [["Move up", -1], ["Move down", 1]].forEach(function (spec) {
          var b = el("button", { type: "button", "class": "rlb-button", "aria-label": spec[0] + ": " + entry.title }, spec[0]);
          b.addEventListener("click", function () { move(index, spec[1]); });
          controls.append(b);
        });
        var remove = el("button", { type: "button", "class": "rlb-button", "aria-label": "Remove " + entry.title }, "Remove");
        remove.addEventListener("click", function () {
          state.items.splice(index, 1);
          render();
          announce(entry.title + " removed.");
          searchInput.focus();
        });
        controls.append(remove);
        li.append(controls);
        list.append(li);
      });
      var minutes = state.items.reduce(function (sum, slug) { return sum + minutesOf(slug); }, 0);
      total.textContent = state.items.length
        ? state.items.length + " readings, about " + minutes + " min in total."
        : "No entries yet: search above and add some.";
      linkInput.value = shareUrl();
      history.replaceState(null, "", shareUrl());
      printTitle.textContent = state.title || "Reading list";
      prepareHandout();
    }

    var handoutToken = 0;
    function prepareHandout() {
      // Fetch every entry now, so printing from the browser's own menu includes them too.
      var token = ++handoutToken;
      var slugs = state.items.slice();
      Promise.all(slugs.map(function (slug) {
        return fetch(new URL("glossary/" + slug + "/", base)).then(function (r) { return r.text(); });
      })).then(function (pages) {
        if (token !== handoutToken) return;
        handout.innerHTML = "";
        pages.forEach(function (html, i) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var article = doc.querySelector("article.md-content__inner");
          var section = el("section", { "class": "handout-item", "data-slug": slugs[i] });
          if (article) {
            article.querySelectorAll(".headerlink, .md-content__button, figure.concept-map, .site-disclaimer, script")
              .forEach(function (node) { node.remove(); });
            Array.prototype.forEach.call(article.children, function (child) {
              section.append(document.importNode(child, true));
            });
          }
          handout.append(section);
        });
        handout.append(el("p", { "class": "handout-licence" },
          "The text of these readings is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/): " +
          "you may copy and adapt it with credit."));
        root.dataset.handout = "ready";
      }).catch(function () { announce("The handout could not be prepared; the list itself still works."); });
      root.dataset.handout = "loading";
    }

    function search() {
      var query = searchInput.value.trim().toLowerCase();
      results.innerHTML = "";
      if (!query) return;
      var found = order.filter(function (slug) {
        var e = entries[slug];
        return [e.title].concat(e.aliases).some(function (name) { return name.toLowerCase().indexOf(query) >= 0; });
      }).slice(0, 12);
      found.forEach(function (slug) {
        var e = entries[slug];
        var li = el("li");
        var add = el("button", { type: "button", "class": "rlb-button", "aria-label": "Add " + e.title }, "Add");
        if (state.items.indexOf(slug) >= 0) { add.disabled = true; add.textContent = "Added"; }
        add.addEventListener("click", function () {
          state.items.push(slug);
          render();
          search();
          announce(e.title + " added; " + state.items.length + " in the list.");
          searchInput.focus();
        });
        li.append(add, document.createTextNode(" " + e.title + ": "), el("span", { "class": "rlb-summary" }, e.summary));
        results.append(li);
      });
      if (!found.length) results.append(el("li", {}, "No entry matches “" + searchInput.value + "”."));
    }

    searchInput.addEventListener("input", search);
    titleInput.addEventListener("input", function () { state.title = titleInput.value.trim(); render(); });
    copyButton.addEventListener("click", function () {
      linkInput.select();
      (navigator.clipboard ? navigator.clipboard.writeText(linkInput.value) : Promise.reject())
        .then(function () { announce("Link copied."); }, function () { announce("Select the link and copy it."); });
    });
    printButton.addEventListener("click", function () { window.print(); });

    fetch(new URL("glossary.json", base)).then(function (r) { return r.json(); }).then(function (data) {
      data.entries.forEach(function (e) { entries[e.slug] = e; order.push(e.slug); });
      // Only entries of this glossary: a link may be old, mistyped or made up.
      var dropped = state.items.filter(function (slug) { return !Object.prototype.hasOwnProperty.call(entries, slug); });
      state.items = state.items.filter(function (slug, i) {
        return Object.prototype.hasOwnProperty.call(entries, slug) && state.items.indexOf(slug) === i;
      });
      render();
      if (dropped.length) {
        announce("Left out " + dropped.length + " item" + (dropped.length > 1 ? "s" : "") +
                 " of the link that this glossary does not have: " + dropped.join(", ") + ".");
      }
      root.dataset.ready = "loaded";
    }).catch(function () { announce("The glossary could not be loaded."); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation swaps pages without reloading
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
