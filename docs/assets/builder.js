/* Reading-list builder: a trainer assembles a list as rich as the curated ones (entries,
   articles, works from the bibliography, outside readings, sections such as weeks, notes,
   minutes, objectives and discussion questions), shares an editing link and a read-only
   student link, prints a handout made of the site's own build-time handout fragments, and
   downloads the list as a curated-list YAML file. Static: it reads the glossary's handout index
   from this site, keeps the list in the page address, and sends nothing anywhere. Every address
   it opens or links comes from the page (the build writes them: #glossary-addresses); what it
   takes from the theme comes from theme.js. */
(function () {
  "use strict";

  var KINDS = { e: "entry", a: "article", w: "work", x: "outside reading", s: "section" };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The list travels in the address, after '#', so no server ever sees it.
  function encode(state) {
    var json = JSON.stringify({ t: state.title, f: state.audience, o: state.objectives, q: state.questions, i: state.items,
                                v: state.version || undefined });
    var bytes = new TextEncoder().encode(json), text = "";
    bytes.forEach(function (b) { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decode(text) {
    try {
      var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      var bytes = Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
      var data = JSON.parse(new TextDecoder().decode(bytes));
      return {
        title: String(data.t || ""), audience: String(data.f || ""), version: String(data.v || ""),
        objectives: (data.o || []).map(String), questions: (data.q || []).map(String),
        items: (data.i || []).filter(function (item) { return item && KINDS[item.k]; })
      };
    } catch (error) { return null; }
  }

  function safeUrl(text) {
    try {
      var url = new URL(String(text));
      return url.protocol === "https:" ? url.toString() : "";
    } catch (error) { return ""; }
  }

  // The build's addresses for this page, relative to it; a pattern's {id} is a slug or a work's id.
  function readAddresses() {
    var data = document.getElementById("glossary-addresses");
    try { return data ? JSON.parse(data.dataset.addresses) : null; } catch (error) { return null; }
  }

  function init() {
    var root = document.getElementById("rlb-app");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "yes";
    var addresses = readAddresses();
    if (!addresses) {
      root.textContent = "The builder could not start: this page lacks the glossary's addresses.";
      return;
    }
    function address(pattern, id) {
      return new URL(addresses[pattern].replace("{id}", encodeURIComponent(id || "")), location.href);
    }
    var siteRoot = address("root");
    var theme = window.glossaryTheme;
    var params = new URLSearchParams(location.search);
    var hash = new URLSearchParams(location.hash.slice(1));
    var student = hash.get("view") === "student";
    var state = decode(hash.get("list") || "") || {
      // Links made before lists had sections and notes: ?title=...&items=slug,slug
      title: params.get("title") || "", audience: "", objectives: [], questions: [],
      items: (params.get("items") || "").split(",").filter(Boolean).map(function (slug) { return { k: "e", id: slug }; })
    };
    // Maps without a prototype: a slug in a link may be '__proto__' or 'constructor'.
    var data = { entries: Object.create(null), former: Object.create(null), articles: Object.create(null),
                 works: Object.create(null), order: [] };

    root.innerHTML = "";
    root.classList.toggle("rlb-student", student);
    var status = el("p", { "class": "rlb-status", "aria-live": "polite", role: "status" });
    function announce(text) { status.textContent = text; }

    // ---- The form (editing view only) ----
    function field(id, label, input) {
      var box = el("div", { "class": "rlb-field" });
      box.append(el("label", { "for": id }, label), input);
      return box;
    }
    var titleInput = el("input", { id: "rlb-title", type: "text", placeholder: "e.g. Seminar 3: defences" });
    var audienceInput = el("input", { id: "rlb-audience", type: "text", placeholder: "e.g. Second-year counselling students" });
    var objectivesInput = el("textarea", { id: "rlb-objectives", rows: "3", placeholder: "One per line" });
    var questionsInput = el("textarea", { id: "rlb-questions", rows: "3", placeholder: "One per line" });
    var searchInput = el("input", { id: "rlb-search", type: "search", autocomplete: "off",
                                    placeholder: "A term, an article or an author", "aria-controls": "rlb-results" });
    var results = el("ul", { id: "rlb-results", "class": "rlb-results", "aria-label": "Matching readings" });
    var sectionInput = el("input", { id: "rlb-section", type: "text", placeholder: "e.g. Week 2: Transference" });
    var sectionButton = el("button", { type: "button", "class": theme.buttonClass(), id: "rlb-add-section" }, "Add section");
    var outsideTitle = el("input", { id: "rlb-outside-title", type: "text", placeholder: "Title of the reading" });
    var outsideUrl = el("input", { id: "rlb-outside-url", type: "url", placeholder: "https://..." });
    var outsideButton = el("button", { type: "button", "class": theme.buttonClass(), id: "rlb-add-outside" }, "Add outside reading");

    // ---- The list, shown in both views ----
    var printTitle = el("h1", { "class": "rlb-heading", id: "rlb-print-title" });
    var facts = el("p", { id: "rlb-total", "class": "rlb-total" });
    var objectivesBox = el("div", { "class": "rlb-objectives" });
    var heading = el("h2", { id: "rlb-list-heading" }, "Readings");
    var list = el("ul", { id: "rlb-list", "class": "rlb-list", "aria-labelledby": "rlb-list-heading" });
    var questionsBox = el("div", { "class": "rlb-questions" });

    // ---- Sharing, printing, downloading ----
    var editLink = el("input", { id: "rlb-link", type: "text", readonly: "" });
    var studentLink = el("input", { id: "rlb-student-link", type: "text", readonly: "" });
    var copyEdit = el("button", { type: "button", "class": theme.buttonClass(), id: "rlb-copy" }, "Copy editing link");
    var copyStudent = el("button", { type: "button", "class": theme.buttonClass(), id: "rlb-copy-student" }, "Copy student link");
    var printButton = el("button", { type: "button", "class": theme.buttonClass(true), id: "rlb-print", disabled: "" },
                         "Preparing the handout…");
    var download = el("a", { "class": theme.buttonClass(), id: "rlb-download", download: "reading-list.yaml", href: "#" }, "Download as YAML");
    var choice = el("p", { "class": "handout-choice screen-only" });
    var handout = el("div", { id: "rlb-handout", "class": "print-only reading-handout", "data-answers": "key",
                              "data-search-exclude": "" });

    if (!student) {
      var about = el("details", { "class": "rlb-about", open: "" });
      about.append(el("summary", {}, "About the list"),
                   field("rlb-title", "Title of the list", titleInput),
                   field("rlb-audience", "Who it is for", audienceInput),
                   field("rlb-objectives", "Learning objectives (one per line)", objectivesInput),
                   field("rlb-questions", "Discussion questions for the whole list (one per line)", questionsInput));
      var add = el("div", { "class": "rlb-add" });
      var searchField = field("rlb-search", "Find an entry, article or work to add", searchInput);
      searchField.append(results);
      var sectionField = field("rlb-section", "Start a section, such as a week", sectionInput);
      sectionField.append(sectionButton);
      var outside = el("fieldset", { "class": "rlb-field rlb-outside" });
      outside.append(el("legend", {}, "A reading from another site (an https address)"),
                     el("label", { "for": "rlb-outside-title" }, "Title"), outsideTitle,
                     el("label", { "for": "rlb-outside-url" }, "Address"), outsideUrl, outsideButton);
      add.append(searchField, sectionField, outside);
      root.append(about, add);
    }
    var share = el("div", { "class": "rlb-share screen-only" });
    if (!student) {
      share.append(field("rlb-link", "Editing link (keep it: it reopens this list for changes)", editLink), copyEdit);
    }
    var versionSelect = el("select", { id: "rlb-version" });
    var versionField = field("rlb-version", "Which version of the glossary the links open", versionSelect);
    versionField.hidden = true;  // shown once there is a dated version to choose
    if (!student) share.append(versionField);
    share.append(field("rlb-student-link", "Student link (read-only)", studentLink), copyStudent);
    var actions = el("p", { "class": "rlb-actions screen-only" });
    actions.append(printButton, document.createTextNode(" "), download);
    root.prepend(printTitle);
    root.append(facts, objectivesBox, heading, list, questionsBox, share, choice, actions, status, handout);

    // A heading and a list of texts, or nothing when there are none.
    function appendList(container, heading, tag, texts) {
      if (!texts.length) return;
      var list = el(tag);
      texts.forEach(function (text) { list.append(el("li", {}, text)); });
      container.append(heading, list);
    }

    function lines(text) { return text.split("\n").map(function (l) { return l.trim(); }).filter(Boolean); }

    function itemTitle(item) {
      if (item.k === "e") return data.entries[item.id] ? data.entries[item.id].title : item.id;
      if (item.k === "a") return data.articles[item.id] ? data.articles[item.id].title : item.id;
      if (item.k === "w") return data.works[item.id] ? data.works[item.id].text : item.id;
      return item.title || "";
    }

    function minutesOf(item) {
      if (item.m) return item.m;
      if (item.k === "e" && data.entries[item.id]) return data.entries[item.id].minutes;
      if (item.k === "a" && data.articles[item.id]) return data.articles[item.id].minutes || 0;
      return 0;
    }

    var releases = [];  // dated versions of the site (releases.json): a list can be pinned to one
    function pinnedBase() {
      var release = releases.filter(function (r) { return r.date === state.version; })[0];
      return release ? new URL(addresses.builder, release.url) : null;
    }

    function shareUrl(view) {
      var url = pinnedBase() || new URL(location.href.split("?")[0].split("#")[0]);
      url.hash = (view ? "view=" + view + "&" : "") + "list=" + encode(state);
      return url.toString();
    }

    function move(index, target) {
      if (target < 0 || target >= state.items.length || target === index) return;
      var item = state.items.splice(index, 1)[0];
      state.items.splice(target, 0, item);
      render();
      announce((itemTitle(item) || "Section") + " moved to position " + (target + 1) + ".");
    }

    function itemLink(item) {
      var url = item.k === "e" ? address("entry", item.id)
        : item.k === "a" ? address("article", item.id)
        : item.k === "w" ? address("work", item.id)
        : safeUrl(item.url);
      var a = el("a", { href: String(url) }, itemTitle(item));
      if (item.k === "x") a.setAttribute("rel", "noopener");
      return a;
    }

    function render() {
      list.innerHTML = "";
      var number = 0;
      state.items.forEach(function (item, index) {
        var li = el("li", { "class": item.k === "s" ? "rlb-item rlb-section" : "rlb-item", "data-index": String(index) });
        if (item.k === "s") {
          number = 0;
          li.append(el("h3", {}, item.title));
        } else {
          number += 1;
          li.append(el("span", { "class": "rlb-number" }, number + ". "), itemLink(item));
          var minutes = minutesOf(item);
          li.append(document.createTextNode(minutes ? " (" + minutes + " min)" : " (reading time varies)"));
          if (item.k === "e" && data.entries[item.id]) li.append(el("span", { "class": "rlb-summary" }, data.entries[item.id].summary));
          if (item.n) li.append(el("span", { "class": "rlb-note" }, item.n));
        }
        if (!student) {
          li.draggable = true;
          var controls = el("span", { "class": "rlb-controls screen-only" });
          var name = itemTitle(item) || "section";
          if (item.k !== "s") {
            var note = el("input", { type: "text", "class": "rlb-note-input", "aria-label": "Note for " + name,
                                     placeholder: "Note for students" });
            note.value = item.n || "";
            note.addEventListener("change", function () { item.n = note.value.trim(); render(); });
            var mins = el("input", { type: "number", min: "1", max: "600", "class": "rlb-minutes-input",
                                     "aria-label": "Minutes for " + name, placeholder: "min" });
            mins.value = item.m || "";
            mins.addEventListener("change", function () { item.m = parseInt(mins.value, 10) || 0; render(); });
            controls.append(note, mins);
          }
          [["Move up", -1], ["Move down", 1]].forEach(function (spec) {
            var b = el("button", { type: "button", "class": "rlb-button", "aria-label": spec[0] + ": " + name }, spec[0]);
            b.addEventListener("click", function () {
              move(index, index + spec[1]);
              var again = list.children[index + spec[1]];
              if (again) again.querySelector("button[aria-label^='" + spec[0] + "']").focus();
            });
            controls.append(b);
          });
          var remove = el("button", { type: "button", "class": "rlb-button", "aria-label": "Remove " + name }, "Remove");
          remove.addEventListener("click", function () {
            state.items.splice(index, 1);
            render();
            announce(name + " removed.");
            (searchInput || remove).focus();
          });
          controls.append(remove);
          li.append(controls);
          li.addEventListener("dragstart", function (event) {
            event.dataTransfer.setData("text/plain", String(index));
            event.dataTransfer.effectAllowed = "move";
          });
          li.addEventListener("dragover", function (event) { event.preventDefault(); });
          li.addEventListener("drop", function (event) {
            event.preventDefault();
            move(parseInt(event.dataTransfer.getData("text/plain"), 10), index);
          });
        }
        list.append(li);
      });
      var readings = state.items.filter(function (item) { return item.k !== "s"; });
      var total = readings.reduce(function (sum, item) { return sum + minutesOf(item); }, 0);
      facts.textContent = readings.length
        ? (state.audience ? "For: " + state.audience + " · " : "") + readings.length + " readings, about " + total + " min in total."
        : (student ? "This list is empty." : "No readings yet: search above and add some.");
      objectivesBox.innerHTML = "";
      appendList(objectivesBox, el("p", {}, "After this reading you should be able to:"), "ul", state.objectives);
      questionsBox.innerHTML = "";
      appendList(questionsBox, el("h2", {}, "Discussion questions"), "ol", state.questions);
      printTitle.textContent = state.title || "Reading list";
      editLink.value = shareUrl("");
      studentLink.value = shareUrl("student");
      // The address holds the list; an empty builder keeps its plain address.
      if (state.items.length || state.title || location.hash) {
        history.replaceState(history.state, "", student ? shareUrl("student") : shareUrl(""));
      }
      download.href = "data:text/yaml;charset=utf-8," + encodeURIComponent(toYaml());
      download.setAttribute("download", (slugify(state.title) || "reading-list") + ".yaml");
      prepareHandout();
    }

    function slugify(text) {
      return String(text).normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    }

    function quoted(text) { return JSON.stringify(String(text)); }  // JSON strings are valid YAML

    // The same YAML as a curated list (content/reading-lists/*.yaml), to contribute by pull request.
    function toYaml() {
      var out = ["# yaml-language-server: $schema=../../scripts/glossary_pipeline/schemas/reading-list.schema.json",
                 "title: " + quoted(state.title || "Reading list"),
                 "audience: " + quoted(state.audience || "Students"), "level: introductory", "objectives:"];
      (state.objectives.length ? state.objectives : ["Write what a reader can do after the list."])
        .forEach(function (o) { out.push("  - " + quoted(o)); });
      if (state.questions.length) {
        out.push("questions:");
        state.questions.forEach(function (q) { out.push("  - " + quoted(q)); });
      }
      out.push("items:");
      state.items.forEach(function (item) {
        if (item.k === "s") out.push("  - section: " + quoted(item.title));
        else if (item.k === "x") out.push("  - url: " + quoted(item.url), "    title: " + quoted(item.title));
        else out.push("  - " + { e: "entry", a: "article", w: "work" }[item.k] + ": " + item.id);
        if (item.n) out.push("    note: " + quoted(item.n));
        if (item.m && item.k !== "s") out.push("    minutes: " + item.m);
      });
      return out.join("\n") + "\n";
    }

    var handoutToken = 0;
    var fragments = {};  // address -> the fetched fragment: fetched once, however often the list is redrawn
    function fetchFragment(address) {
      var url = new URL(address, siteRoot).href;
      if (!fragments[url]) {
        fragments[url] = fetch(url).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
        fragments[url].catch(function () { delete fragments[url]; });  // try again next time
      }
      return fragments[url];
    }
    function prepareHandout() {
      // Build the handout now, from the site's own handout fragments, so printing (from the
      // button or the browser's menu) has every reading; the button says when it is ready.
      var token = ++handoutToken;
      printButton.disabled = true;
      printButton.textContent = "Preparing the handout…";
      root.dataset.handout = "loading";
      var jobs = state.items.map(function (item) {
        var record = item.k === "e" ? data.entries[item.id] : item.k === "a" ? data.articles[item.id] : null;
        if (!record) return Promise.resolve(null);
        return fetchFragment(record.fragment);
      });
      Promise.all(jobs).then(function (fetched) {
        if (token !== handoutToken) return;
        handout.innerHTML = "";
        var header = el("div", { "class": "handout-header" });
        var text = el("div", { "class": "handout-header__text" });
        text.append(el("p", { "class": "handout-title" }, state.title || "Reading list"),
                    el("p", {}, addresses.site_name + " · " + new Date().toISOString().slice(0, 10) +
                       " · text licensed under " + addresses.licence),
                    el("p", { "class": "handout-url" }, shareUrl("student")));
        header.append(text);
        handout.append(header);
        appendList(handout, el("p", {}, "After this reading you should be able to:"), "ul", state.objectives);
        var key = [], references = [], number = 0;
        state.items.forEach(function (item, i) {
          if (item.k === "s") {
            number = 0;
            handout.append(el("p", { "class": "handout-h2 handout-section" }, item.title));
            return;
          }
          number += 1;
          var section;
          if (fetched[i]) {
            var holder = el("div");
            holder.innerHTML = fetched[i].html;  // built and sanitised with the site
            section = holder.firstElementChild || holder;
            var record = item.k === "e" ? data.entries[item.id] : data.articles[item.id];
            (record.references || []).forEach(function (id) { if (references.indexOf(id) < 0) references.push(id); });
            if (item.k === "e") {
              (fetched[i].answers || []).forEach(function (answer, q) { key.push([number + "." + (q + 1), record.title, answer]); });
            }
          } else {
            section = el("div", { "class": "handout-item" + (item.k === "w" ? " handout-work" : "") });
            section.append(el("p", { "class": "handout-h2 handout-item-title" },
                              item.k === "w" ? "A reading from the bibliography" : itemTitle(item)));
            if (item.k === "w" && data.works[item.id]) {
              var citation = el("div");
              citation.innerHTML = data.works[item.id].html;  // built and sanitised with the site
              section.append(citation);
              if (references.indexOf(item.id) < 0) references.push(item.id);
            } else if (item.k === "x") {
              section.append(el("p", { "class": "handout-url" }, safeUrl(item.url)));
            }
          }
          if (item.n) section.append(el("p", { "class": "handout-note" }, "Note: " + item.n));
          handout.append(section);
        });
        appendList(handout, el("p", { "class": "handout-h2" }, "Discussion questions"), "ol", state.questions);
        if (key.length) {
          var keyBox = el("div", { "class": "handout-key" });
          keyBox.append(el("p", { "class": "handout-h2" }, "Answer key"));
          var keyList = el("ul");
          key.forEach(function (k) {
            var li = el("li");
            li.append(el("strong", {}, k[0]), document.createTextNode(" (" + k[1] + ") " + k[2]));
            keyList.append(li);
          });
          keyBox.append(keyList);
          handout.append(keyBox);
        }
        var cited = references.filter(function (id) { return data.works[id]; })
          .sort(function (a, b) { return data.works[a].rank - data.works[b].rank; });
        if (cited.length) {
          var refs = el("div", { "class": "handout-references" });
          refs.append(el("p", { "class": "handout-h2" }, "References"));
          var refList = el("ul");
          cited.forEach(function (id) {
            var li = el("li");
            li.innerHTML = data.works[id].html;  // built and sanitised with the site
            refList.append(li);
          });
          refs.append(refList);
          handout.append(refs);
        }
        root.dataset.handout = "ready";
        printButton.disabled = false;
        printButton.textContent = "Print handout";
      }).catch(function () {
        if (token !== handoutToken) return;
        printButton.textContent = "Print (handout unavailable)";
        printButton.disabled = false;
        announce("The handout could not be prepared; the list itself still works.");
      });
    }

    function search() {
      var query = searchInput.value.trim().toLowerCase();
      results.innerHTML = "";
      if (!query) return;
      var found = [];
      data.order.forEach(function (slug) {
        var e = data.entries[slug];
        // The closest names first: the name itself, then names that start with it, then the rest.
        var rank = Math.min.apply(null, [e.title].concat(e.aliases).map(function (n) {
          var name = n.toLowerCase();
          return name === query ? 0 : name.indexOf(query) === 0 ? 1 : name.indexOf(query) > 0 ? 2 : 9;
        }));
        if (rank < 9) found.push({ k: "e", id: slug, label: e.title, detail: e.summary, rank: rank });
      });
      found.sort(function (a, b) { return a.rank - b.rank; });
      Object.keys(data.articles).forEach(function (slug) {
        var a = data.articles[slug];
        if (a.title.toLowerCase().indexOf(query) >= 0) found.push({ k: "a", id: slug, label: a.title, detail: "Article" });
      });
      Object.keys(data.works).forEach(function (id) {
        var w = data.works[id];
        if (w.text.toLowerCase().indexOf(query) >= 0) found.push({ k: "w", id: id, label: w.text, detail: "From the bibliography" });
      });
      found.slice(0, 15).forEach(function (hit) {
        var li = el("li");
        var already = state.items.some(function (item) { return item.k === hit.k && item.id === hit.id; });
        var add = el("button", { type: "button", "class": "rlb-button", "aria-label": "Add " + hit.label }, already ? "Added" : "Add");
        if (already) add.disabled = true;
        add.addEventListener("click", function () {
          state.items.push({ k: hit.k, id: hit.id });
          render();
          search();
          announce(hit.label + " added; " + state.items.length + " in the list.");
          searchInput.focus();
        });
        li.append(add, document.createTextNode(" " + hit.label + ": "), el("span", { "class": "rlb-summary" }, hit.detail));
        results.append(li);
      });
      if (!found.length) results.append(el("li", {}, "Nothing matches “" + searchInput.value + "”."));
    }

    if (!student) {
      titleInput.value = state.title;
      audienceInput.value = state.audience;
      objectivesInput.value = state.objectives.join("\n");
      questionsInput.value = state.questions.join("\n");
      searchInput.addEventListener("input", search);
      titleInput.addEventListener("input", function () { state.title = titleInput.value.trim(); render(); });
      audienceInput.addEventListener("input", function () { state.audience = audienceInput.value.trim(); render(); });
      objectivesInput.addEventListener("change", function () { state.objectives = lines(objectivesInput.value); render(); });
      questionsInput.addEventListener("change", function () { state.questions = lines(questionsInput.value); render(); });
      sectionButton.addEventListener("click", function () {
        var title = sectionInput.value.trim();
        if (!title) { announce("Give the section a title first."); sectionInput.focus(); return; }
        state.items.push({ k: "s", title: title });
        sectionInput.value = "";
        render();
        announce("Section “" + title + "” added; what you add next goes under it.");
      });
      outsideButton.addEventListener("click", function () {
        var url = safeUrl(outsideUrl.value.trim()), title = outsideTitle.value.trim();
        if (!title || !url) {
          announce("An outside reading needs a title and an address that starts with https://.");
          (title ? outsideUrl : outsideTitle).focus();
          return;
        }
        state.items.push({ k: "x", title: title, url: url });
        outsideTitle.value = outsideUrl.value = "";
        render();
        announce("“" + title + "” added.");
      });
    }
    [[copyEdit, editLink], [copyStudent, studentLink]].forEach(function (pair) {
      pair[0].addEventListener("click", function () {
        pair[1].select();
        (navigator.clipboard ? navigator.clipboard.writeText(pair[1].value) : Promise.reject())
          .then(function () { announce("Link copied."); }, function () { announce("Select the link and copy it."); });
      });
    });
    printButton.addEventListener("click", function () { if (root.dataset.handout === "ready") window.print(); });

    fetch(address("releases")).then(function (r) { return r.ok ? r.json() : {}; }).then(function (info) {
      releases = (info && info.releases) || [];
      if (info && info.release) {
        announce("This builder belongs to the version of " + info.release + "; its links open that version.");
      }
      if (!releases.length || (info && info.release)) return;
      versionSelect.append(el("option", { value: "" }, "The current glossary"));
      releases.forEach(function (r) { versionSelect.append(el("option", { value: r.date }, "The version of " + r.title)); });
      versionSelect.value = state.version || "";
      versionField.hidden = false;
      versionSelect.addEventListener("change", function () {
        state.version = versionSelect.value;
        render();
        announce(state.version ? "The links now open the version of " + state.version + ", which stays as it is."
                               : "The links now open the current glossary.");
      });
      if (root.dataset.ready === "loaded") render();
    }).catch(function () { /* no dated versions: links open the current glossary */ });

    fetch(address("index")).then(function (r) { return r.json(); }).then(function (index) {
      index.entries.forEach(function (e) {
        data.entries[e.slug] = e;
        data.order.push(e.slug);
        (e.former_slugs || []).forEach(function (old) { data.former[old] = e.slug; });
      });
      index.articles.forEach(function (a) { data.articles[a.slug] = a; });
      index.works.forEach(function (w, rank) {
        var holder = el("div");
        holder.innerHTML = w.citation;  // built and sanitised with the site
        data.works[w.id] = { html: w.citation, text: holder.textContent.trim(), rank: rank };
      });
      // An entry renamed since the link was made is followed to its new name; anything the
      // glossary no longer has (or never had: a link may be mistyped or made up) is named.
      var missing = [], renamed = [], seen = Object.create(null);
      state.items = state.items.filter(function (item) {
        if (item.k === "e" && !data.entries[item.id] && data.former[item.id]) {
          renamed.push(item.id + " → " + data.former[item.id]);
          item.id = data.former[item.id];
        }
        var known = item.k === "s" ? Boolean(item.title)
          : item.k === "x" ? Boolean(safeUrl(item.url) && item.title)
          : typeof item.id === "string" && Boolean({ e: data.entries, a: data.articles, w: data.works }[item.k][item.id]);
        if (!known) missing.push(item.id || item.title || "?");
        var key = item.k + ":" + (item.id || item.url || "");
        if (known && item.k !== "s" && seen[key]) return false;  // the same reading twice
        seen[key] = true;
        return known;
      });
      render();
      var notes = [];
      if (renamed.length) notes.push("Renamed since the link was made: " + renamed.join(", ") + ".");
      if (missing.length) {
        notes.push("No longer in the glossary, so left out: " + missing.join(", ") + ".");
      }
      if (notes.length) announce(notes.join(" "));
      root.dataset.ready = "loaded";
      if (window.glossaryHandoutChoices) window.glossaryHandoutChoices();
    }).catch(function () { announce("The glossary could not be loaded."); });
  }

  // A list link pasted into the address bar of an open builder changes only the part after '#'.
  window.addEventListener("hashchange", function () {
    if (document.getElementById("rlb-app")) location.reload();
  });
  window.glossaryTheme.onPage(init);
})();
