// CUS — behaviour shared by all pages (no inline scripts: CSP-friendly).
(function () {
  "use strict";
  // After a failed submit, move focus to the error summary so screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("form-errors");
    if (summary) { summary.focus(); }
  });
  // Buttons with data-print print the page (print stylesheets hide the chrome).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
  // Buttons with data-confirm ask before a destructive action.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  // Idle sessions: warn before the server logs the user out, offer to extend.
  // Any page load or htmx request restarts the countdown (the server counts them too).
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.body;
    var timeout = parseInt(body.dataset.idleTimeout || "0", 10);
    if (!timeout) { return; }
    var warnBefore = parseInt(body.dataset.idleWarning || "120", 10);
    var box = document.getElementById("idle-warning");
    var warnTimer, expireTimer;
    function restart() {
      clearTimeout(warnTimer);
      clearTimeout(expireTimer);
      if (box) { box.hidden = true; }
      warnTimer = setTimeout(function () {
        if (box) { box.hidden = false; document.getElementById("idle-extend").focus(); }
      }, Math.max(timeout - warnBefore, 0) * 1000);
      expireTimer = setTimeout(function () { window.location.reload(); }, (timeout + 2) * 1000);
    }
    function csrfToken() {
      try { return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
    }
    var extend = document.getElementById("idle-extend");
    if (extend) {
      extend.addEventListener("click", function () {
        fetch(body.dataset.keepaliveUrl, {
          method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() }
        }).then(function (response) {
          if (response.ok) { restart(); } else { window.location.reload(); }
        });
      });
    }
    document.body.addEventListener("htmx:afterRequest", restart);
    restart();
  });
})();
