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

  // A PESEL field with data-birth-date="<id>" fills that date field from the number once
  // it is valid (cus/pesel.py: YYMMDD, the month carries the century; the check digit).
  // A date typed by hand is left alone; one filled from an earlier number is replaced.
  var WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  var CENTURIES = { 80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200 };
  function peselBirthDate(number) {
    if (!/^\d{11}$/.test(number)) { return null; }
    var sum = 0;
    for (var i = 0; i < 10; i++) { sum += parseInt(number[i], 10) * WEIGHTS[i]; }
    if ((10 - sum % 10) % 10 !== parseInt(number[10], 10)) { return null; }
    var year = parseInt(number.slice(0, 2), 10);
    var month = parseInt(number.slice(2, 4), 10);
    var day = parseInt(number.slice(4, 6), 10);
    var offset = Math.floor((month - 1) / 20) * 20;
    if (!(offset in CENTURIES)) { return null; }
    var date = new Date(Date.UTC(CENTURIES[offset] + year, month - offset - 1, day));
    if (date.getUTCDate() !== day || date.getUTCMonth() !== month - offset - 1) { return null; }
    return date.toISOString().slice(0, 10);
  }
  function fillBirthDate(field) {
    var target = document.getElementById(field.dataset.birthDate);
    var birthDate = peselBirthDate(field.value.trim());
    if (!target || !birthDate) { return; }
    if (target.value && target.value !== target.dataset.filledFromPesel) { return; }
    target.value = birthDate;
    target.dataset.filledFromPesel = birthDate;
  }
  document.addEventListener("input", function (event) {
    if (event.target.dataset && event.target.dataset.birthDate) { fillBirthDate(event.target); }
  });
  // A number carried over from the search arrives filled in.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-birth-date]").forEach(fillBirthDate);
  });
})();
