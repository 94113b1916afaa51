// Repeating rows of a form (Django formsets drawn by includes/_formset.html), added and removed
// in the page: no inline scripts, so the page's Content-Security-Policy holds.
(function () {
  "use strict";
  function totalForms(formset) {
    return formset.querySelector('input[name="' + formset.dataset.formsetPrefix + '-TOTAL_FORMS"]');
  }
  function addRow(formset) {
    var total = totalForms(formset);
    var index = parseInt(total.value, 10);
    var empty = formset.querySelector("template[data-formset-empty]");
    var rows = formset.querySelector("[data-formset-rows]");
    rows.insertAdjacentHTML("beforeend", empty.innerHTML.replace(/__prefix__/g, String(index)));
    total.value = String(index + 1);
    var row = rows.lastElementChild;
    if (window.htmx) { window.htmx.process(row); }
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }
  function removeRow(row) {
    // The row stays in the form, marked deleted: Django ignores it (a saved one is deleted).
    var deleted = row.querySelector('input[type="checkbox"][name$="-DELETE"]');
    if (deleted) { deleted.checked = true; }
    row.hidden = true;
    var formset = row.closest("[data-formset]");
    var add = formset && formset.querySelector("[data-formset-add]");
    if (add) { add.focus(); }
    row.dispatchEvent(new Event("change", { bubbles: true }));  // autosaved drafts notice it
  }
  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-formset-add]");
    if (add) { addRow(add.closest("[data-formset]")); return; }
    var remove = event.target.closest("[data-formset-remove]");
    if (!remove) { return; }
    // A saved row asks first (removed when the form is saved); a new one goes at once.
    var question = remove.getAttribute("data-formset-confirm");
    if (question && !window.confirm(question)) { return; }
    removeRow(remove.closest("[data-formset-row]"));
  });
})();
