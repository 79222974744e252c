/* Definitions on term links. A link to a glossary entry carries the entry's summary in its
   title; this shows it as a tooltip on hover and on keyboard focus. It replaces the theme's
   own tooltips, which set up every link on the page before the reader can interact (the
   largest cost on a slow phone). Here nothing runs until a pointer or the focus reaches a
   link, through listeners on the document, which also survive instant navigation.
   The tooltip stays while the pointer is over it and closes with Escape (WCAG 1.4.13).

   Tap to preview: a phone has no hover, so the first tap on a term link does not leave the
   page but shows the definition with a link "Open <term>"; a second tap on the same term
   link, or a tap on "Open …", opens the entry. The preview closes with Escape, a tap
   elsewhere, or a new page.

   Assistive technology. A tooltip may not contain anything focusable (ARIA APG: content
   with a link is a non-modal dialog), so while it holds the "Open …" link the box is
   role="dialog", named after the term, and not modal: focus stays on the term link, so
   the same gesture a second time opens the entry, as for a sighted reader, and nothing
   is trapped. The link keeps aria-describedby, pointing at the definition text alone.
   A screen reader is not told that a dialog appeared where the focus is not, so the
   definition is also put in a polite live region (role="status", visually hidden), which
   screen readers read out without moving the reader's place. Moving the focus into the
   preview instead would have made the second tap land on a different element for screen
   reader users than for everyone else. A click with no pointer behind it (Enter, or an
   activation a screen reader sends as a bare click) follows the link at once, as before;
   if a screen reader's activation arrives as a tap, it gets the preview like a finger. */
(function () {
  "use strict";
  var tip = null, status = null, current = null, hideTimer = 0;
  var pinned = false;  // the box is a tap preview (with "Open …"), not a hover or focus tooltip
  var pressed = null;  // the term link a finger is on, between pointerdown and its click
  var lastPointer = "";
  var noHover = window.matchMedia ? window.matchMedia("(hover: none)") : { matches: false };

  function tooltip() {
    if (!tip || !document.body.contains(tip)) {
      tip = document.createElement("div");
      tip.id = "glossary-tip";
      tip.className = "glossary-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("pointerenter", cancelHide);
      tip.addEventListener("pointerleave", function () { if (!pinned) scheduleHide(); });
      document.body.appendChild(tip);
    }
    return tip;
  }

  // Made before it is needed (at the finger's pointerdown): a live region that appears and
  // changes at the same moment is often not announced.
  function liveRegion() {
    if (!status || !document.body.contains(status)) {
      status = document.createElement("div");
      status.id = "glossary-tip-status";
      status.className = "glossary-tip-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    return status;
  }

  function termLink(node) {
    var link = node && node.closest ? node.closest("a.glossary-link") : null;
    return link && (link.dataset.summary || link.title) ? link : null;
  }

  function termOf(link) {
    return link.textContent.replace(/\s+/g, " ").trim();
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
    if (pinned) unpin(box);
    box.textContent = link.dataset.summary;
    link.setAttribute("aria-describedby", box.id);
    box.hidden = false;
    place(box, link);
  }

  // The first tap on a term link: the definition, and a link to open the entry.
  function preview(link) {
    show(link);
    var box = tip, term = termOf(link);
    box.hidden = true;  // changed while out of the accessibility tree, then shown as a dialog
    box.textContent = "";
    var text = document.createElement("p");
    text.id = "glossary-tip-text";
    text.className = "glossary-tip__text";
    text.textContent = link.dataset.summary;
    var open = document.createElement("a");
    open.className = "glossary-tip__open";
    open.href = link.href;
    open.textContent = "Open " + term;
    box.appendChild(text);
    box.appendChild(open);
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", term);
    box.setAttribute("aria-describedby", text.id);
    box.classList.add("glossary-tip--preview");
    link.setAttribute("aria-describedby", text.id);
    pinned = true;
    box.hidden = false;
    place(box, link);
    liveRegion().textContent = link.dataset.summary;
  }

  function unpin(box) {
    pinned = false;
    box.setAttribute("role", "tooltip");
    box.removeAttribute("aria-label");
    box.removeAttribute("aria-describedby");
    box.classList.remove("glossary-tip--preview");
    if (status) status.textContent = "";  // so the same definition is announced again next time
  }

  function place(box, link) {
    var rect = link.getBoundingClientRect(), margin = 8;
    var viewWidth = document.documentElement.clientWidth, viewHeight = window.innerHeight;
    box.style.left = window.scrollX + "px";  // measure at the left edge: the box may shrink near the right one
    box.style.top = window.scrollY + "px";
    var width = Math.min(box.offsetWidth, viewWidth - 2 * margin), height = box.offsetHeight;
    var left = Math.max(margin, Math.min(rect.left, viewWidth - width - margin));
    var top = rect.bottom + margin;
    if (top + height > viewHeight && rect.top - margin - height > 0) {
      top = rect.top - margin - height;  // no room below: open above the link
    }
    if (pinned) {  // a preview must be read whole on a phone: on screen, over the text if need be
      top = Math.max(margin, Math.min(top, viewHeight - margin - height));
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function hide() {
    cancelHide();
    if (tip) {
      if (pinned) unpin(tip);
      tip.hidden = true;
    }
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

  // A tap: a touch pointer, or any pointer but a mouse on a device that cannot hover. A
  // click with no pointer behind it (detail 0: Enter, or a screen reader's activation) is
  // never one, so the keyboard and assistive technology follow links as they always did.
  function isTap(event) {
    if (!event.detail) return false;
    var type = event.pointerType || lastPointer;
    return type === "touch" || (type !== "mouse" && noHover.matches);
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType;
    var link = termLink(event.target);
    pressed = link && event.pointerType !== "mouse" ? link : null;
    if (pressed) liveRegion();
    if (pinned && current && !(tip && tip.contains(event.target)) && link !== current) hide();  // a tap elsewhere
  });
  document.addEventListener("pointercancel", function () { pressed = null; });  // the finger scrolled instead
  // Capture, before the theme: Material's instant navigation takes every click on a link at
  // the body and does not check defaultPrevented, so the first tap must stop there.
  document.addEventListener("click", function (event) {
    var link = termLink(event.target);
    pressed = null;
    if (!link || !isTap(event) || event.defaultPrevented) return;
    if (pinned && current === link) { hide(); return; }  // the second tap: follow the link
    event.preventDefault();
    event.stopPropagation();
    preview(link);
  }, true);
  document.addEventListener("pointerover", function (event) {
    var link = termLink(event.target);
    if (link && event.pointerType !== "touch") show(link);
    else if (current && !pinned && !(tip && tip.contains(event.target))) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link && link === pressed) return;  // focused by the finger's tap: its click decides
    if (link) show(link); else if (current && !(tip && tip.contains(event.target))) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (event.target === current && !pinned) hide();
  });
  document.addEventListener("keydown", function (event) {
    lastPointer = "";
    pressed = null;
    if (event.key === "Escape" && current) {
      var back = pinned && tip && tip.contains(document.activeElement) ? current : null;
      if (back) back.focus({ preventScroll: true });  // out of the preview, back to its term
      hide();
    }
  });
  window.glossaryTheme.onPage(hide);  // a new page (instant navigation swaps it under the tooltip)
  // A preview scrolls with its link (it is placed in the page, not the viewport), so only a
  // hover tooltip closes on scroll.
  window.addEventListener("scroll", function () {
    if (current && !pinned && document.activeElement !== current) hide();
  }, { passive: true });
  window.addEventListener("resize", function () { if (current && tip && !tip.hidden) place(tip, current); });
})();
