"use strict";
// The admin's autocomplete boxes take their field's label as their name.
// Select2 names its combobox only by the choice shown in it, so an empty
// box has no name at all for a screen reader (axe: aria-input-field-name).
// Wraps Django's djangoAdminSelect2 (admin/js/autocomplete.js), which draws
// every box, inline rows added later included. Django's form media may put
// this file before jQuery, so the wrap waits for DOMContentLoaded: every
// script has run by then, and jQuery's ready handlers, which draw the
// boxes, have not (jQuery 3 runs them later).
{
    function name(select) {
        const label = select.id && document.querySelector(`label[for="${select.id}"]`);
        const box = select.nextElementSibling;
        if (!label || !box || !box.classList.contains("select2")) {
            return;
        }
        label.id = label.id || `${select.id}_label`;
        const combobox = box.querySelector(".select2-selection");
        const shown = box.querySelector(".select2-selection__rendered");
        const names = shown && shown.id ? `${label.id} ${shown.id}` : label.id;
        combobox.setAttribute("aria-labelledby", names);
        if (shown && shown.getAttribute("role") === "textbox") {
            shown.setAttribute("aria-labelledby", names);
        }
        box.querySelectorAll(".select2-search__field").forEach((field) => {
            field.setAttribute("aria-labelledby", label.id);
        });
    }

    function wrap() {
        const $ = django.jQuery;
        const draw = $.fn.djangoAdminSelect2;
        $.fn.djangoAdminSelect2 = function () {
            draw.call(this);
            this.each((i, select) => name(select));
            return this;
        };
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", wrap);
    } else {
        wrap();
    }
}
