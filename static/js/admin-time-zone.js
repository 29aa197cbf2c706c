// Django's date and time inputs add "Note: You are N hours ahead of server time." when the browser's clock is
// in another zone than the admin's. The admin's zone is the staff member's own (My settings), not the server's:
// under a date and time (an instant, entered in that zone) the note says so and names the zone. A date alone
// or a time alone (a member's joining day, an event's day and hour at its venue) is in no staff member's zone:
// the note goes. Django adds its notes on the window's load; this runs just after.
"use strict";
window.addEventListener("load", function () {
  window.setTimeout(function () {
    const zone = document.querySelector('meta[name="gmg-time-zone"]');
    const serverOffset = document.body.dataset.adminUtcOffset;
    if (!zone || serverOffset === undefined) {
      return;
    }
    const hours = (new Date().getTimezoneOffset() * -60 - Number(serverOffset)) / 3600;
    const amount = Math.abs(hours) + (Math.abs(hours) === 1 ? " hour " : " hours ");
    const message =
      "Note: your computer's clock is " + amount + (hours > 0 ? "ahead of " : "behind ") + zone.content +
      ", your time zone in My settings, which these times are in.";
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
