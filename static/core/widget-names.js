"use strict";
// Names for the boxes that two of the admin's scripts draw without one, given after the field's own label.
//
// Select2, which draws Django's autocomplete fields (an event's organiser, participants, topics...), names none
// of the boxes it puts in place of the field's <select>: a single choice's box is named by its chosen value alone
// (by nothing while empty), a multiple choice's search box by nothing at all. Each is named here after the
// field's label, the single box followed by its value. The list of chosen values also holds Select2's "clear"
// cross, which is no list item: the list is marked as one so that it stays a list of the values.
//
// SelectFilter (a "filter_horizontal" field, such as a group's permissions) names its search boxes by an icon
// in their label whose aria-label no plain <span> may carry: the icon is marked as the image it is.
//
// Boxes drawn later (a row added to an inline) are named as they appear. Loaded on every admin page
// (templates/admin/base_site.html), as a file: the Content Security Policy refuses inline scripts.
(function () {
    function labelOf(select) {
        return select.id ? document.querySelector(`label[for="${CSS.escape(select.id)}"]`) : null;
    }

    function setAttribute(element, name, value) {
        if (element && element.getAttribute(name) !== value) {
            element.setAttribute(name, value);
        }
    }

    function name(container) {
        const select = container.previousElementSibling;
        const label = select && select.tagName === "SELECT" ? labelOf(select) : null;
        if (!label) {
            return;
        }
        if (!label.id) {
            label.id = `${select.id}-label`;
        }
        const single = container.querySelector(".select2-selection--single");
        if (single) {
            const value = single.querySelector(".select2-selection__rendered");
            setAttribute(single, "aria-labelledby", [label.id, value && value.id].filter(Boolean).join(" "));
            setAttribute(value, "aria-labelledby", label.id); // Select2 makes the value a read-only textbox
        }
        const chosen = container.querySelector(".select2-selection--multiple .select2-selection__rendered");
        setAttribute(chosen, "role", "list");
        setAttribute(container.querySelector(".select2-search__field"), "aria-labelledby", label.id);
    }

    function nameAll() {
        document.querySelectorAll(".select2-container").forEach(name);
        document.querySelectorAll(".search-label-icon[aria-label]").forEach((icon) => setAttribute(icon, "role", "img"));
    }

    new MutationObserver(nameAll).observe(document.documentElement, { childList: true, subtree: true });
    nameAll();
})();
