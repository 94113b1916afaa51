// The schedule item's form: only the chosen timing forms' fields show (osl/forms.py
// ScheduleItemForm). Without JavaScript every field shows and the unchosen ones are ignored.
(function () {
  "use strict";
  function update(form) {
    var chosen = [];
    form.querySelectorAll('input[name="timing_kinds"]:checked').forEach(function (box) {
      chosen.push(box.value);
    });
    form.querySelectorAll("[data-timing]").forEach(function (part) {
      var kinds = part.dataset.timing.split(" ");
      part.hidden = !kinds.some(function (kind) { return chosen.indexOf(kind) !== -1; });
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "timing_kinds" && event.target.form) { update(event.target.form); }
  });
  document.querySelectorAll('input[name="timing_kinds"]').forEach(function (box) {
    if (box.form) { update(box.form); }
  });
})();
