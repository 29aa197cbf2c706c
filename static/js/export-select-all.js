// "Select all" on django-import-export's export form, attached here rather than by an inline
// onchange attribute, which the portal's Content Security Policy refuses.
document.addEventListener("change", (event) => {
  if (event.target.matches("input.select-toggle")) {
    onSelectToggleChange(event);
  }
});
