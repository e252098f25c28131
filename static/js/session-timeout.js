// Shortly before an idle session ends (SESSION_COOKIE_AGE, renewed by every request) a
// notice offers to stay logged in; its button asks the server for a lightweight page, which
// renews the session. At the end the page reloads, and the server asks for the log-in.
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box) { return; }
  var idle = parseInt(box.dataset.idleSeconds, 10) * 1000;
  var warn = parseInt(box.dataset.warnSeconds, 10) * 1000;
  var button = box.querySelector("[data-session-stay]");
  var warnTimer = null;
  var endTimer = null;

  function hide() { box.hidden = true; }

  function show() {
    box.hidden = false;
    button.focus();
  }

  function restart() {
    hide();
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(show, Math.max(idle - warn, 0));
    endTimer = window.setTimeout(function () { window.location.reload(); }, idle + 1000);
  }

  button.addEventListener("click", function () {
    fetch(box.dataset.pingUrl, {credentials: "same-origin", cache: "no-store"})
      .then(function (response) {
        if (response.status === 204) { restart(); } else { window.location.reload(); }
      })
      .catch(function () { window.location.reload(); });
  });
  // Every htmx request renewed the session on the server too.
  document.body.addEventListener("htmx:afterRequest", restart);
  restart();
})();
