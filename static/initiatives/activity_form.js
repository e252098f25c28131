// The activity form: "week of the month" only for monthly rules; add another schedule.
(function () {
  function toggleWeek(fieldset) {
    var select = fieldset.querySelector("[data-frequency] select");
    var week = fieldset.querySelector("[data-week-of-month]");
    if (select && week) { week.hidden = select.value !== "monthly"; }
  }
  var container = document.getElementById("schedule-forms");
  container.addEventListener("change", function (event) {
    var fieldset = event.target.closest("[data-schedule]");
    if (fieldset) { toggleWeek(fieldset); }
  });
  container.querySelectorAll("[data-schedule]").forEach(toggleWeek);
  document.getElementById("schedule-add").addEventListener("click", function () {
    var total = document.getElementById("id_schedules-TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    var html = document.getElementById("schedule-template").innerHTML.replace(/__prefix__/g, index);
    container.insertAdjacentHTML("beforeend", html);
    total.value = index + 1;
    var added = container.lastElementChild;
    toggleWeek(added);
    var first = added.querySelector("select, input:not([type=hidden])");
    if (first) { first.focus(); }
  });
})();
