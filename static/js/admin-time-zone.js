// Django's date and time inputs add "Note: You are N hours ahead of server time." when the browser's clock is
// in another zone than the admin's. The admin's zone is the staff member's own (My settings), not the server's:
// say so, and name it. Django adds its notes on the window's load; these words replace them just after.
"use strict";
window.addEventListener("load", function () {
  window.setTimeout(function () {
    const zone = document.querySelector('meta[name="gmg-time-zone"]');
    const serverOffset = document.body.dataset.adminUtcOffset;
    if (!zone || serverOffset === undefined) {
      return;
    }
    const hours = (new Date().getTimezoneOffset() * -60 - Number(serverOffset)) / 3600;
    if (!hours) {
      return;
    }
    const amount = Math.abs(hours) + (Math.abs(hours) === 1 ? " hour " : " hours ");
    const message =
      "Note: your computer's clock is " + amount + (hours > 0 ? "ahead of " : "behind ") + zone.content +
      ", your time zone in My settings, which these times are in.";
    for (const note of document.querySelectorAll(".timezonewarning")) {
      note.textContent = message;
    }
  }, 0);
});
