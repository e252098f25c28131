// A table wider than the screen scrolls inside its own box (.table-responsive, .regie-scroll);
// a keyboard user must be able to reach that box to scroll it (WCAG 2.1.1, axe's
// scrollable-region-focusable) when the table holds no link. The box becomes a named region
// in the tab order while it scrolls, and leaves it again when the window grows wide enough.
(function () {
  var SELECTOR = ".table-responsive, .regie-scroll";

  function name(box) {
    var caption = box.querySelector("caption");
    if (caption) return caption.textContent.trim();
    for (var el = box; el && el !== document.body; el = el.parentElement) {
      for (var prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.trim();
        var inner = prev.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) return inner[inner.length - 1].textContent.trim();
      }
    }
    return document.title;
  }

  function update(root) {
    (root || document).querySelectorAll(SELECTOR).forEach(function (box) {
      if (box.dataset.ownRegion === undefined) {
        // A template's own region (tabindex and a label of its own) is left as it is.
        box.dataset.ownRegion = box.hasAttribute("tabindex") ? "1" : "0";
      }
      if (box.dataset.ownRegion === "1") return;
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          box.setAttribute("aria-label", name(box));
          box.dataset.namedHere = "1";
        }
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        if (box.dataset.namedHere) {
          box.removeAttribute("aria-label");
          delete box.dataset.namedHere;
        }
      }
    });
  }

  update();
  window.addEventListener("resize", function () { update(); });
  document.body.addEventListener("htmx:afterSettle", function (event) { update(event.target); });
})();
