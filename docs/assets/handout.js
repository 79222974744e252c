// How answers print, chosen by the trainer in the same control wherever a handout is printed
// (an entry, a curated reading list, the builder): hidden, under each question, or in a key
// at the end. The choice is kept in the page address (answers=...), so a shared link keeps it.
(function () {
  "use strict";
  var MODES = ["key", "inline", "none"];

  function apply(mode) {
    document.querySelectorAll(".reading-handout").forEach(function (handout) { handout.setAttribute("data-answers", mode); });
    document.querySelectorAll("select.handout-answers").forEach(function (select) { select.value = mode; });
  }

  var LABELS = { key: "in a key at the end", inline: "under each question", none: "not printed" };

  // The page holds a sentence (p.handout-choice) saying what prints; here it becomes a choice.
  function drawChoices() {
    document.querySelectorAll("p.handout-choice").forEach(function (slot) {
      if (slot.querySelector("select")) return;
      var label = document.createElement("label");
      label.textContent = "When printed, show the answers ";
      var select = document.createElement("select");
      select.className = "handout-answers";
      MODES.forEach(function (mode) {
        var option = document.createElement("option");
        option.value = mode;
        option.textContent = LABELS[mode];
        select.appendChild(option);
      });
      var handout = document.querySelector(".reading-handout");
      select.value = (handout && handout.getAttribute("data-answers")) || "key";
      label.appendChild(select);
      slot.textContent = "";
      slot.appendChild(label);
    });
  }

  function init() {
    drawChoices();
    var selects = document.querySelectorAll("select.handout-answers");
    if (!selects.length) return;
    var params = new URLSearchParams(location.search);
    var chosen = params.get("answers");
    if (MODES.indexOf(chosen) >= 0) apply(chosen);
    selects.forEach(function (select) {
      if (select.dataset.ready) return;
      select.dataset.ready = "yes";
      select.addEventListener("change", function () {
        if (MODES.indexOf(select.value) < 0) return;
        apply(select.value);
        var url = new URL(location.href);
        url.searchParams.set("answers", select.value);
        history.replaceState(history.state, "", url.toString());
      });
    });
  }

  window.glossaryHandoutChoices = init;  // the builder draws its own slot, then asks for the control
  window.glossaryTheme.onPage(init);
})();
