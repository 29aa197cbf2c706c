"""The admin's own scripts speak the staff member's language: their words come from the portal's JavaScript
catalogue (locale/<lang>/LC_MESSAGES/djangojs.po, served at portal_jsi18n), with plural forms."""

import pytest

from core.models import StaffSettings
from testing import PASSWORD, staff_member


@pytest.mark.parametrize(
    ("language", "my_settings", "zone_box", "found", "one_found"),
    [
        ("fr", "Mes paramètres", "Mon fuseau horaire", "Fuseaux horaires trouvés", "1 fuseau horaire trouvé."),
        ("ru", "Мои настройки", "Мой часовой пояс", "Найденные часовые пояса", "Найден 1 часовой пояс."),
    ],
)
def test_the_zone_picker_speaks_the_staff_member_s_language(
    chromium, live_server, transactional_db, language, my_settings, zone_box, found, one_found
):
    from playwright.sync_api import expect

    StaffSettings.objects.create(user=staff_member("amelie", "Editors"), language=language)
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/admin/")
    page.locator("#id_username").fill("amelie")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)  # the account's choice, not the browser's
    page.get_by_role("link", name=my_settings).click()
    zone = page.get_by_role("combobox", name=zone_box)
    zone.fill("")
    zone.press_sequentially("Nairobi")
    suggestions = page.get_by_role("listbox", name=found)
    expect(suggestions).to_be_visible()
    expect(suggestions.get_by_role("option")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text=one_found)).to_have_count(1)
    assert errors == []
    context.close()
