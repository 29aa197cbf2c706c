// A form is sent once: after the first submit, its Save buttons are disabled, so that a double click or an
// impatient second click does not send it again (the server refuses a second save of the same form as well:
// core/safe_save.py).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.querySelector("input[name='_save_token']")) {
    return;
  }
  if (form.dataset.sent === "true") {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "true";
  // Once this submit has gathered the form's data, which names the pressed button ("Save and continue
  // editing"): a button disabled before then would not be sent.
  setTimeout(() => {
    for (const button of form.querySelectorAll("[type='submit']")) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    }
  });
});

// Back to a page kept in the browser's memory: the form may be sent again (and the server sees it was saved).
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) {
    return;
  }
  for (const form of document.querySelectorAll("form[data-sent='true']")) {
    delete form.dataset.sent;
    for (const button of form.querySelectorAll("[type='submit']")) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    }
  }
});

