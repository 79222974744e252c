/* Definitions on term links. A link to a glossary entry carries the entry's summary in its
   title; this shows it as a tooltip on hover and on keyboard focus. It replaces the theme's
   own tooltips, which set up every link on the page before the reader can interact (the
   largest cost on a slow phone). Here nothing runs until a pointer or the focus reaches a
   link, through two listeners on the document, which also survive instant navigation.
   The tooltip stays while the pointer is over it and closes with Escape (WCAG 1.4.13). */
(function () {
  "use strict";
  var tip = null, current = null, hideTimer = 0;

  function tooltip() {
    if (!tip || !document.body.contains(tip)) {
      tip = document.createElement("div");
      tip.id = "glossary-tip";
      tip.className = "glossary-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("pointerenter", cancelHide);
      tip.addEventListener("pointerleave", scheduleHide);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function termLink(node) {
    var link = node && node.closest ? node.closest("a.glossary-link") : null;
    return link && (link.dataset.summary || link.title) ? link : null;
  }

  function show(link) {
    cancelHide();
    if (link.title) {  // the browser would show its own tooltip on top of this one
      link.dataset.summary = link.title;
      link.removeAttribute("title");
    }
    var box = tooltip();
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    box.textContent = link.dataset.summary;
    link.setAttribute("aria-describedby", box.id);
    box.hidden = false;
    place(box, link);
  }

  function place(box, link) {
    var rect = link.getBoundingClientRect(), margin = 8;
    var width = Math.min(box.offsetWidth, document.documentElement.clientWidth - 2 * margin);
    var left = Math.max(margin, Math.min(rect.left, document.documentElement.clientWidth - width - margin));
    var top = rect.bottom + margin;
    if (top + box.offsetHeight > window.innerHeight && rect.top - margin - box.offsetHeight > 0) {
      top = rect.top - margin - box.offsetHeight;  // no room below: open above the link
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function hide() {
    cancelHide();
    if (tip) tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  // A pending hide is marked on the tooltip (data-closing), so tests can wait for the state.
  function cancelHide() {
    clearTimeout(hideTimer);
    if (tip) delete tip.dataset.closing;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    if (tip) tip.dataset.closing = "soon";
    hideTimer = setTimeout(hide, 300);  // time to move the pointer onto the tooltip
  }

  document.addEventListener("pointerover", function (event) {
    var link = termLink(event.target);
    if (link && event.pointerType !== "touch") show(link);
    else if (current && !(tip && tip.contains(event.target))) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link) show(link); else if (current) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (event.target === current) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) hide();
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(hide);  // instant navigation swapped the page under the tooltip
  }
  window.addEventListener("scroll", function () { if (current && document.activeElement !== current) hide(); }, { passive: true });
})();
