/* The infopunt's only script: the kiosk's idle reset, printing the list on request, and
   opening the result filters on a wide screen.
   No dialogs: nothing here calls alert, confirm or prompt. */
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-seconds"), 10);
  var home = body.getAttribute("data-home-url");
  if (idle > 0 && home) {
    var timer;
    var reset = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        // A fresh start page: every input and the list are gone.
        document.querySelectorAll("form").forEach(function (f) { f.reset(); });
        window.location.replace(home);
      }, idle * 1000);
    };
    ["pointerdown", "keydown", "touchstart", "wheel", "input"].forEach(function (name) {
      window.addEventListener(name, reset, { passive: true });
    });
    reset();
    // No context menu and no link that opens a new window on the kiosk.
    document.addEventListener("contextmenu", function (e) { e.preventDefault(); });
    document.querySelectorAll("a[target]").forEach(function (a) { a.removeAttribute("target"); });
  }
  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.addEventListener("click", function () { window.print(); });
  }
  // The result filters: beside the list on a wide screen, behind their button on a narrow
  // one (infopunt.css shows them wide already where the browser knows ::details-content).
  var filters = document.querySelector("details[data-filters]");
  if (filters && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 992px)");
    var follow = function () { if (wide.matches) { filters.open = true; } };
    follow();
    if (wide.addEventListener) { wide.addEventListener("change", follow); }
  }
  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }
})();
