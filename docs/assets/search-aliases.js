/* Any name of a term finds its entry first. Material's search matches every word as a
   prefix, so a short alias such as "A. Freud" or "anxiety as a signal" can rank another
   page higher. When the query is exactly an entry's title or alias, this puts that entry at
   the top of the results (adding it if the search missed it). Reads glossary.json from this
   site, once, on the first search. */
(function () {
  "use strict";
  var terms = null, loading = null, observer = null;

  function normalise(text) { return text.toLowerCase().replace(/[\s.,;:!?'"’]+/g, " ").trim(); }

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base + "/", location.href);
  }

  function load() {
    if (!loading) {
      loading = fetch(new URL("glossary.json", siteRoot())).then(function (r) { return r.json(); }).then(function (data) {
        terms = {};
        data.entries.forEach(function (e) {
          [e.title].concat(e.aliases).forEach(function (name) {
            var key = normalise(name);
            if (!(key in terms)) terms[key] = e;
          });
        });
      }).catch(function () { terms = {}; });
    }
    return loading;
  }

  function entryPath(slug) { return new URL("glossary/" + slug + "/", siteRoot()).pathname; }

  function promote() {
    var input = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || !list || !terms) return;
    var entry = terms[normalise(input.value)];
    if (!entry) return;
    var path = entryPath(entry.slug);
    var items = Array.prototype.slice.call(list.children);
    var match = items.filter(function (li) {
      var a = li.querySelector("a");
      return a && new URL(a.href, location.href).pathname === path;
    })[0];
    if (match === list.firstElementChild) return;
    observer.disconnect();
    if (!match) {
      match = document.createElement("li");
      match.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = path;
      a.tabIndex = -1;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var h1 = document.createElement("h1");
      h1.textContent = entry.title;
      var p = document.createElement("p");
      p.textContent = entry.summary;
      article.append(h1, p);
      a.append(article);
      match.append(a);
    }
    list.prepend(match);
    observer.observe(list, { childList: true });
  }

  function init() {
    var list = document.querySelector(".md-search-result__list");
    var input = document.querySelector("input.md-search__input");
    if (!list || !input || input.dataset.aliases) return;
    input.dataset.aliases = "on";
    observer = new MutationObserver(function () { load().then(promote); });
    observer.observe(list, { childList: true });
    input.addEventListener("focus", load, { once: true });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
