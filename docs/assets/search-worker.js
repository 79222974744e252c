/* Search that finds any name of a term first: Material's own search worker, with one change.
   When a query is exactly an entry's title or alias (the page's search tags), that entry's
   result goes first, adding it if the search missed it. The order is settled here, before
   the results reach the page, so the first result a reader sees is already the right one.
   Material's worker is loaded from the address given after "?material=". */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var params = new URLSearchParams(self.location.search);
  var material = params.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("search-worker: bad Material worker name");

  var names = new Map();  // normalised title or alias -> the entry's search document
  var queries = [];       // queries in the order they arrived; each gets one result

  function normalise(text) { return String(text).toLowerCase().replace(/[\s.,;:!?'"’]+/g, " ").trim(); }

  function remember(index) {
    names.clear();
    (index.docs || []).forEach(function (doc) {
      if (!doc.tags || doc.location.indexOf("#") >= 0) return;
      doc.tags.forEach(function (tag) {
        var key = normalise(tag);
        if (key && !names.has(key)) names.set(key, doc);
      });
    });
  }

  function promote(result, query) {
    var doc = names.get(normalise(query));
    if (!doc || !result || !Array.isArray(result.items)) return;
    var items = result.items;
    var at = items.findIndex(function (group) { return group.length && group[0].location === doc.location; });
    if (at === 0) return;
    var group = at > 0 ? items.splice(at, 1)[0] : [{
      location: doc.location, title: doc.title, text: doc.text, tags: doc.tags,
      score: items.length ? items[0][0].score + 1 : 1, terms: {}
    }];
    items.unshift(group);
  }

  // Registered before Material's worker, so it sees each message first.
  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP && message.data) remember(message.data);
    else if (message.type === QUERY) queries.push(message.data);
  });
  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT) promote(message.data, queries.shift() || "");
    return post.apply(null, arguments);
  };
  importScripts("javascripts/workers/" + material);
})();
