"use strict";
// The time zone picker (core/zones.py ZonePicker): a text box made an ARIA 1.2 combobox whose listbox
// suggests the zones that match what is typed, each with its places, narrowed to the zones of the form's
// country when it names one. Nothing is chosen until the editor chooses (click, or Enter on the option
// moved to with the arrow keys): typing alone never changes the value to another zone. The search is
// core/zones.py find(), on the data it writes to zones.json.
{
    // The interface's words in the staff member's language: Django's JavaScript catalogue (the portal's jsi18n,
    // loaded before this script), or English where it did not load.
    const gettext = (text) => (window.gettext ? window.gettext(text) : text);
    const ngettext = (one, many, count) => (window.ngettext ? window.ngettext(one, many, count) : count === 1 ? one : many);
    const interpolate = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
    const fold = (text) =>
        text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[_/]/g, " ").replace(/\u2019/g, "'").toLowerCase()
            .split(/\s+/).filter(Boolean).join(" ");
    const SUGGESTIONS = 8;
    const loading = new Map();

    function load(url) {
        if (!loading.has(url)) {
            loading.set(url, fetch(url, {credentials: "same-origin"}).then((answer) => answer.json()).then((data) => {
                data.byName = new Map();
                for (const zone of data.zones) {
                    zone.words = zone.keywords.concat(zone.countries.map((code) => fold(data.countryNames[code] || "")));
                    data.byName.set(zone.name, zone);
                }
                return data;
            }));
        }
        return loading.get(url);
    }

    function rank(zone, query) {
        let best = null;
        for (const word of zone.words) {
            if (word === query) {
                return 0;
            }
            if (word.startsWith(query) || word.includes(" " + query)) {
                best = 1;
            } else if (best === null && word.includes(query)) {
                best = 2;
            }
        }
        return best;
    }

    function find(data, text, country) {
        const query = fold(text);
        const candidates = country ? (data.byCountry[country] || []).map((name) => data.byName.get(name)) : [];
        if (!query) {
            return candidates.slice(0, SUGGESTIONS);
        }
        for (const pool of [candidates, data.zones]) {
            const ranked = [];
            for (const zone of pool) {
                const found = rank(zone, query);
                if (found !== null) {
                    ranked.push([found, zone]);
                }
            }
            if (ranked.length) {
                ranked.sort((a, b) => a[0] - b[0] || b[1].weight - a[1].weight || (a[1].name < b[1].name ? -1 : 1));
                return ranked.slice(0, SUGGESTIONS).map((pair) => pair[1]);
            }
        }
        return [];
    }

    function countryInput(input) {
        const field = input.dataset.countryField;
        if (!field || !input.form) {
            return null;
        }
        const prefix = input.name.slice(0, input.name.lastIndexOf("-") + 1);
        return input.form.elements.namedItem(prefix + field);
    }

    function setUp(input) {
        if (input.dataset.zonePickerReady || input.name.includes("__prefix__")) {
            return;
        }
        input.dataset.zonePickerReady = "1";
        const box = input.closest(".zone-picker-box") || input.parentNode;
        const list = document.createElement("div");
        list.id = input.id + "-suggestions";
        list.className = "zone-picker-list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", gettext("Time zones found"));
        list.hidden = true;
        const status = document.createElement("div");
        status.className = "zone-picker-status";
        status.setAttribute("role", "status");
        const warning = document.createElement("div");
        warning.className = "zone-picker-warning";
        warning.id = input.id + "-warning";
        warning.setAttribute("aria-live", "polite");
        box.append(list, status, warning);
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        // The browser's own suggestions are off while the editor types here, so that they do not cover the zones
        // found; and on again once they leave the box, so that the browser keeps what it holds as it keeps the
        // form's other boxes: Back (then Save again) finds it filled in as it was left.
        input.addEventListener("focus", () => input.setAttribute("autocomplete", "off"));
        input.addEventListener("blur", () => input.removeAttribute("autocomplete"));
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), warning.id].filter(Boolean).join(" "));

        let data = null;
        let waiting = false; // typed (or Down pressed) before the zones arrived: they are shown when they do
        let shown = [];
        let active = -1;
        const country = () => {
            const field = countryInput(input);
            return field && data ? data.countries[fold(field.value)] || "" : "";
        };

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function move(to) {
            const options = list.children;
            if (active >= 0) {
                options[active].setAttribute("aria-selected", "false");
            }
            active = to;
            if (active < 0) {
                input.removeAttribute("aria-activedescendant");
                return;
            }
            options[active].setAttribute("aria-selected", "true");
            input.setAttribute("aria-activedescendant", options[active].id);
            options[active].scrollIntoView({block: "nearest"});
        }

        function show() {
            if (!data) {
                waiting = true;
                return;
            }
            const code = country();
            shown = find(data, input.value, code);
            list.replaceChildren(...shown.map((zone, index) => {
                const option = document.createElement("div");
                option.id = `${list.id}-${index}`;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                const name = document.createElement("span");
                name.className = "zone-picker-name";
                name.textContent = zone.name;
                const places = document.createElement("span");
                places.className = "zone-picker-places";
                places.textContent = zone.label.slice(zone.name.length).replace(/^ — /, "");
                option.append(name, " ", places);
                return option;
            }));
            active = -1;
            input.removeAttribute("aria-activedescendant");
            const narrowed = code && shown.length && shown.every((zone) => zone.countries.includes(code));
            if (shown.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                const found = narrowed
                    ? ngettext("%(count)s time zone of %(country)s found.", "%(count)s time zones of %(country)s found.", shown.length)
                    : ngettext("%(count)s time zone found.", "%(count)s time zones found.", shown.length);
                status.textContent = interpolate(found, {count: shown.length, country: data.countryNames[code]});
            } else {
                close();
                status.textContent = input.value.trim() ? gettext("No time zone or place matches.") : "";
            }
        }

        function check() {
            const code = country();
            const zone = data && data.byName.get(input.value.trim());
            // The server's own question stands for it until the value changes.
            const asked = input.value === input.defaultValue && box.closest(".form-row")?.querySelector(".errorlist");
            if (zone && code && !asked && !zone.countries.includes(code)) {
                const own = (data.byCountry[code] || []).slice(0, 3).join(", ");
                const words = own
                    ? gettext("%(zone)s is not a time zone of %(country)s (its zones: %(zones)s).")
                    : gettext("%(zone)s is not a time zone of %(country)s.");
                warning.textContent = interpolate(words, {zone: zone.name, country: data.countryNames[code], zones: own});
            } else {
                warning.textContent = "";
            }
        }

        function choose(index) {
            input.value = shown[index].name;
            close();
            status.textContent = interpolate(gettext("%(zone)s chosen."), {zone: shown[index].name});
            input.dispatchEvent(new Event("change", {bubbles: true}));
        }

        load(input.dataset.zones).then((loaded) => {
            data = loaded;
            check();
            if (waiting && document.activeElement === input) {
                show();
            }
        });
        input.addEventListener("input", show);
        input.addEventListener("change", check);
        const field = countryInput(input);
        if (field) {
            field.addEventListener("change", check);
        }
        input.addEventListener("keydown", (event) => {
            const open = !list.hidden;
            if (event.key === "ArrowDown") {
                event.preventDefault();
                if (!open) {
                    show();
                } else if (shown.length) {
                    move((active + 1) % shown.length);
                }
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                if (open && shown.length) {
                    move(active <= 0 ? shown.length - 1 : active - 1);
                }
            } else if (event.key === "Enter" && open && active >= 0) {
                event.preventDefault();
                choose(active);
            } else if (event.key === "Escape" && open) {
                event.preventDefault();
                close();
            } else if (event.key === "Tab") {
                close();
            }
        });
        input.addEventListener("blur", close);
        // The press keeps the focus in the box, so that blur does not close the list before the click.
        list.addEventListener("mousedown", (event) => event.preventDefault());
        list.addEventListener("click", (event) => {
            const option = event.target.closest("[role=option]");
            if (option) {
                choose([...list.children].indexOf(option));
            }
        });
    }

    const setUpAll = () => document.querySelectorAll("input.zone-picker").forEach(setUp);
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUpAll);
    } else {
        setUpAll();
    }
    // A row added to an admin inline ("Add another") brings a picker of its own.
    document.addEventListener("formset:added", setUpAll);
    document.addEventListener("focusin", (event) => {
        if (event.target.matches && event.target.matches("input.zone-picker")) {
            setUp(event.target);
        }
    });
}
