// The +/- steppers of the tally form: each button adds its step to its number field, never
// below 0. Without JavaScript the number fields work on their own.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-tally-step]");
  if (!button) return;
  const input = document.getElementById(button.dataset.tallyFor);
  if (!input) return;
  const current = parseInt(input.value, 10);
  const next = (Number.isNaN(current) ? 0 : current) + parseInt(button.dataset.tallyStep, 10);
  input.value = Math.max(0, next);
  input.dispatchEvent(new Event("change", { bubbles: true }));
});
