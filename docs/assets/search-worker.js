/* Search that forgives: Material's own search worker, with the query read the way a student
   types it. The order is settled here, before the results reach the page, so the first
   result a reader sees is already the right one; nothing moves after it appears.

   - A question ("what is the unconscious", "who was Melanie Klein", "what does
     transference mean") is searched for its subject.
   - A query that is a title or alias, give or take two typing errors, plurals and British
     or American spelling, puts that entry first (added if the search missed it; marked
     "Did you mean" when the words differ).
   - Every word is also searched in its other forms (singular and plural, -ise and -ize,
     defence and defense), so the entries' full text is found whichever way it is spelt.

   Material's worker is loaded from the address given after "?material=". */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var params = new URLSearchParams(self.location.search);
  var material = params.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("search-worker: bad Material worker name");

  var names = new Map();  // canonical title or alias -> the entry's search document
  var byLength = [];      // canonical names grouped by length, for the typing-error search
  var pending = [];       // per query, in order: the entry to put first and how it was found
  var titles = [];        // [lower-case title or alias, document], for queries of one or two letters
  var levels = {};       // page location -> its reading level ("Advanced"), shown on each result

  var QUESTION = /^(?:(?:what|who|where|when|why|how)(?:'s|\s+(?:is|are|was|were|does|do|did|can|should))?|define|definition\s+of|meaning\s+of|explain|tell\s+me\s+about)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:mean|means|meant|about))?\s*\??$/i;

  function normalise(text) { return String(text).toLowerCase().replace(/[\s.,;:!?'"’()]+/g, " ").trim(); }

  function singular(word) {
    if (word.length <= 4) return word;
    // Not after s, u, i or a: "process", "unconscious", "analysis" and "bias" are not plurals.
    return word.replace(/ies$/, "y").replace(/(ch|sh|x)es$/, "$1").replace(/([^suia])s$/, "$1");
  }

  var SPELLINGS = [["isation", "ization"], ["ise", "ize"], ["ised", "ized"], ["ises", "izes"], ["ising", "izing"],
                   ["yse", "yze"], ["our", "or"], ["ence", "ense"], ["ogue", "og"]];

  function american(word) {
    SPELLINGS.forEach(function (pair) { if (word.endsWith(pair[0])) word = word.slice(0, -pair[0].length) + pair[1]; });
    return word.replace(/ae/g, "e").replace(/oe/g, "e");
  }

  // One spelling for both sides of the Atlantic and for singular and plural, applied to
  // names and queries alike, so only real typing errors are left to the edit distance.
  function canonical(text) {
    return normalise(text).split(" ").map(function (word) { return american(singular(word)); }).join(" ");
  }

  // The forms a word may take in the entries' text: as typed, singular, plural, and with the
  // other side's spelling.
  function wordForms(word) {
    // No plural: Material searches every word as a prefix, so "defence" already finds "defences".
    var out = [word, singular(word)];
    out.slice().forEach(function (form) {
      SPELLINGS.forEach(function (pair) {
        [pair, [pair[1], pair[0]]].forEach(function (swap) {
          if (form.endsWith(swap[0])) out.push(form.slice(0, -swap[0].length) + swap[1]);
        });
      });
    });
    return out.filter(function (form, i) { return form && out.indexOf(form) === i; });
  }

  function subject(query) {
    var match = QUESTION.exec(String(query).trim());
    return match ? match[1] : String(query);
  }

  // Damerau-Levenshtein distance, given up once it must exceed `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous2 = null, previous = [], current;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  function remember(index) {
    names.clear();
    byLength = [];
    titles = [];
    levels = {};
    (index.docs || []).forEach(function (doc) {
      if (doc.level) levels[doc.location] = doc.level;
      if (!doc.tags || doc.location.indexOf("#") >= 0) return;
      doc.tags.forEach(function (tag) {
        titles.push([normalise(tag), doc]);
        var key = canonical(tag);
        if (!key || names.has(key)) return;
        names.set(key, doc);
        (byLength[key.length] = byLength[key.length] || []).push(key);
      });
    });
  }

  // The entry a query names, exactly or within a typing error or two; none if two names tie.
  function named(query) {
    var key = canonical(subject(query));
    if (!key) return null;
    if (names.has(key)) return { doc: names.get(key), exact: true };
    var limit = key.length >= 8 ? 2 : key.length >= 4 ? 1 : 0;
    var found = null, best = limit + 1, tie = false;
    for (var length = key.length - limit; length <= key.length + limit; length++) {
      (byLength[length] || []).forEach(function (name) {
        var d = distance(key, name, Math.min(best, limit));
        if (d < best) { best = d; found = name; tie = false; } else if (d === best && found && names.get(name) !== names.get(found)) { tie = true; }
      });
    }
    return found && !tie && best <= limit ? { doc: names.get(found), exact: false } : null;
  }

  // Every word also in its other forms, for Material's own (full-text) search; returns the
  // words to search and, for each word typed, its forms.
  function widen(query) {
    var forms = {}, out = [];
    normalise(subject(query)).split(" ").filter(Boolean).forEach(function (word) {
      forms[word] = wordForms(word);
      forms[word].forEach(function (form) { if (out.indexOf(form) < 0) out.push(form); });
    });
    return { query: out.join(" "), forms: forms };
  }

  // A word counts as found when any of its forms was: a card never says "Missing" for a form
  // the reader did not type.
  function mergeTerms(result, forms) {
    if (!forms || !result || !Array.isArray(result.items)) return;
    result.items.forEach(function (group) {
      group.forEach(function (item) {
        if (!item.terms) return;
        var found = {};
        Object.keys(item.terms).forEach(function (term) { found[term.replace(/[*~^].*$/, "")] = item.terms[term]; });
        var terms = {};
        Object.keys(forms).forEach(function (word) {
          var seen = forms[word].map(function (form) { return found[form]; });
          if (seen.some(function (x) { return x === true; })) terms[word] = true;
          else if (seen.some(function (x) { return x === false; })) terms[word] = false;
        });
        item.terms = terms;
      });
    });
    // Pages that hold more of the words asked for come first (Material ranks any one word
    // alone as highly), keeping its order among pages that hold as many.
    var held = function (group) {
      var words = {};
      group.forEach(function (item) { Object.keys(item.terms || {}).forEach(function (w) { if (item.terms[w]) words[w] = 1; }); });
      return Object.keys(words).length;
    };
    var counted = result.items.map(function (group, i) { return { group: group, held: held(group), i: i }; });
    counted.sort(function (a, b) { return b.held - a.held || a.i - b.i; });
    result.items = counted.map(function (entry) { return entry.group; });
  }

  function promote(result, wanted) {
    if (!wanted || !result || !Array.isArray(result.items)) return;
    var doc = wanted.doc, items = result.items;
    var at = items.findIndex(function (group) { return group.length && group[0].location === doc.location; });
    if (at === 0 && wanted.exact) return;
    var group = at >= 0 ? items.splice(at, 1)[0] : [{
      location: doc.location, title: doc.title, text: doc.text, tags: doc.tags, terms: {},
      score: items.length ? items[0][0].score + 1 : 1
    }];
    if (!wanted.exact && at < 0) {
      // Nothing matched the words as typed: say what the search took them to mean.
      group[0] = Object.assign({}, group[0], { text: "<p><strong>Did you mean " + doc.title + "?</strong></p>" + (doc.text || "") });
    }
    items.unshift(group);
  }

  // One or two letters: the entries whose name starts with them, from the names alone.
  // Searching the whole index for every word starting with "t" is the slowest search of
  // all on a large glossary, and tells a reader nothing yet.
  function startingWith(typed) {
    var prefix = normalise(typed), hits = new Map();
    titles.forEach(function (pair) {
      if (pair[0].indexOf(prefix) !== 0) return;
      var hit = hits.get(pair[1].location);
      if (!hit) hits.set(pair[1].location, { exact: pair[0] === prefix, name: pair[0], doc: pair[1] });
      else if (pair[0] === prefix) hit.exact = true;
    });
    var found = Array.from(hits.values());
    // A name that is exactly what was typed first ("id"), then A to Z.
    found.sort(function (a, b) { return (b.exact - a.exact) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0); });
    return found.slice(0, 20).map(function (hit) {
      var doc = hit.doc;
      return [{ location: doc.location, title: doc.title, text: doc.text, tags: doc.tags, score: 1, terms: {} }];
    });
  }

  // Each entry's reading level on its result, from the index (search.py adds it).
  function labelLevels(items) {
    items.forEach(function (group) {
      var first = group[0];
      var level = first && levels[first.location];
      if (level) group[0] = Object.assign({}, first, { text: '<p class="search-level">' + level + "</p>" + (first.text || "") });
    });
    return items;
  }

  var post = self.postMessage.bind(self);

  // Registered before Material's worker, so it sees (and may reword) each message first:
  // every listener receives the same message object.
  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP && message.data) {
      remember(message.data);
    } else if (message.type === QUERY && typeof message.data === "string") {
      var typed = message.data.trim();
      if (typed.length > 0 && typed.length < 3 && titles.length) {
        event.stopImmediatePropagation();  // answered here; Material's worker never sees it
        post({ type: RESULT, data: { items: labelLevels(startingWith(typed)) } });
        return;
      }
      var wide = message.data.trim() ? widen(message.data) : null;
      pending.push({ entry: named(message.data), forms: wide && wide.forms });
      if (wide && wide.query) message.data = wide.query;
    }
  });
  self.postMessage = function (message) {
    if (message && message.type === RESULT) {
      var asked = pending.shift() || {};
      mergeTerms(message.data, asked.forms);
      promote(message.data, asked.entry);
      labelLevels(message.data.items);
    }
    return post.apply(null, arguments);
  };
  importScripts("javascripts/workers/" + material);
})();
