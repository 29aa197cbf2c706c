// Django's date and time inputs add "Note: You are N hours ahead of server time." when the browser's clock is
// in another zone than the admin's. The admin's zone is the staff member's own (My settings), not the server's:
// under a date and time (an instant, entered in that zone) the note says so and names the zone. A date alone
// or a time alone (a member's joining day, an event's day and hour at its venue) is in no staff member's zone:
// the note goes. Django adds its notes on the window's load; this runs just after.
// A day or an hour at a venue is the venue's clock's: the shortcuts that read the computer's clock ("Today",
// "Now", "Yesterday | Today | Tomorrow") would enter the computer's day and hour, so those boxes have none; their
// calendar and clock stay.
"use strict";
function dropComputerClockShortcuts() {
  const shortcuts = window.DateTimeShortcuts;
  if (!shortcuts) {
    return;
  }
  const atVenue = (input) => input.parentNode.querySelector("[data-portal-note]") !== null;
  const dropQuickLink = (input) => {
    const links = input.parentNode.querySelector(".datetimeshortcuts");
    const quick = links && links.querySelector("a");
    if (!quick || quick.id) {
      return; // none, or gone already: the picker's own link has an id, the quick link none
    }
    if (quick.nextSibling && quick.nextSibling.nodeType === Node.TEXT_NODE) {
      quick.nextSibling.remove(); // the " | " between it and the picker's icon
    }
    quick.remove();
  };
  shortcuts.clockInputs.forEach(function (input, num) {
    if (atVenue(input)) {
      dropQuickLink(input);
      const box = document.getElementById(shortcuts.clockDivName + num);
      for (const item of box ? box.querySelectorAll(".timelist li") : []) {
        if (item.textContent === window.gettext("Now")) {
          item.remove();
        }
      }
    }
  });
  shortcuts.calendarInputs.forEach(function (input, num) {
    if (atVenue(input)) {
      dropQuickLink(input);
      const box = document.getElementById(shortcuts.calendarDivName1 + num);
      const days = box && box.querySelector(".calendar-shortcuts");
      if (days) {
        days.remove();
      }
    }
  });
}
// A row added to an inline gets its shortcuts anew (Django's inlines.js), before this event.
document.addEventListener("formset:added", dropComputerClockShortcuts);
window.addEventListener("load", function () {
  window.setTimeout(function () {
    dropComputerClockShortcuts();
    const zone = document.querySelector('meta[name="gmg-time-zone"]');
    const serverOffset = document.body.dataset.adminUtcOffset;
    if (!zone || serverOffset === undefined) {
      return;
    }
    const hours = (new Date().getTimezoneOffset() * -60 - Number(serverOffset)) / 3600;
    // In the staff member's language (the portal's jsi18n, loaded before this script), else in English.
    const ngettext = (one, many, count) => (window.ngettext ? window.ngettext(one, many, count) : count === 1 ? one : many);
    const interpolate = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
    const amount = Math.abs(hours);
    const words = hours > 0
      ? ngettext(
          "Note: your computer's clock is %(hours)s hour ahead of %(zone)s, your time zone in My settings, which these times are in.",
          "Note: your computer's clock is %(hours)s hours ahead of %(zone)s, your time zone in My settings, which these times are in.",
          amount)
      : ngettext(
          "Note: your computer's clock is %(hours)s hour behind %(zone)s, your time zone in My settings, which these times are in.",
          "Note: your computer's clock is %(hours)s hours behind %(zone)s, your time zone in My settings, which these times are in.",
          amount);
    const message = interpolate(words, {hours: amount, zone: zone.content});
    // Django's notes only: a widget's own note (data-portal-note, "At the venue") already says whose clock it is.
    for (const note of document.querySelectorAll(".timezonewarning:not([data-portal-note])")) {
      if (note.closest(".datetime")) {
        note.textContent = message;
      } else {
        note.remove();
      }
    }
  }, 0);
});
