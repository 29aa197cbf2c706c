"""Two app servers, as production runs them (gunicorn, production settings), share PostgreSQL and Redis:
an editor signed in through one is signed in through the other, and an edit made through one shows
through the other within seconds, though the other had the page in its cache."""

import contextlib
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest
from django.db import connection

from testing import collect_static, poll, production_environment, start_app_server, stop_app_server

from .pages import require

PASSWORD = "a-long-test-password"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="app servers in other processes need a shared database"
    ),
    pytest.mark.django_db(transaction=True),  # committed, so that the servers see it
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, cookies=None, data=None, headers=None):
    """(status, headers, body, cookies set); cookies are handled by hand, since the production ones are Secure."""
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data, doseq=True).encode() if data else None)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items()))
    try:
        response = OPENER.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read().decode()
    set_cookies = dict(
        re.match(r"([^=]+)=([^;]*)", header).groups() for header in response.headers.get_all("Set-Cookie") or []
    )
    return response.status, response.headers, body, set_cookies


class FormFields(HTMLParser):
    """The values a browser would post for the first form with the given id."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("submit", "button", "file", "checkbox", "radio"):
            self.fields.append((name, attributes.get("value", "")))
        elif tag == "input" and name and attributes.get("type") in ("checkbox", "radio") and "checked" in attributes:
            self.fields.append((name, attributes.get("value", "on")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.fields.append((self.select, attributes.get("value", "")))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_fields(page, form_id):
    parser = FormFields(form_id)
    parser.feed(page)
    return parser.fields


@pytest.fixture
def two_app_servers(seeded, django_user_model, settings, tmp_path):
    redis_url = os.environ.get("REDIS_URL", "")
    require(redis_url.startswith("redis://"), "two app servers need the shared Redis (REDIS_URL), as in production")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # as production checks it
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    environment = production_environment(connection.settings_dict, redis_url)
    collect_static(environment)
    with contextlib.ExitStack() as stack:  # on the way out: each server stopped, then its log closed
        bases = []
        for number in range(2):
            log = stack.enter_context(open(tmp_path / f"app-server-{number}.log", "w"))
            server, base = start_app_server(environment, log)
            stack.callback(stop_app_server, server)
            bases.append(base)
        yield bases


def test_an_edit_made_through_one_app_server_shows_through_the_other(two_app_servers):
    one, other = two_app_servers
    fetch(other + "/en/")
    status, headers, home, _ = fetch(other + "/en/")
    assert status == 200 and headers["X-Page-Cache"] == "hit"
    assert "A new sentence added by an editor." not in home

    # Sign in through the first server.
    login = "/admin/login/?next=/admin/"
    _, _, page, cookies = fetch(one + login)
    fields = dict(form_fields(page, "login-form"))
    status, headers, _, new_cookies = fetch(
        one + login, cookies=cookies, data={**fields, "username": "editor", "password": PASSWORD}
    )
    assert status == 302 and headers["Location"] == "/admin/"
    cookies.update(new_cookies)

    # The session is known to the other server.
    status, _, page, _ = fetch(other + "/admin/", cookies=cookies)
    assert status == 200 and "Welcome," in page and "editor" in page

    # Edit the Group's introduction through the first server, as the admin form posts it.
    _, _, page, _ = fetch(one + "/admin/agencies/groupprofile/", cookies=cookies)
    status, headers, _, _ = fetch(one + "/admin/agencies/groupprofile/", cookies=cookies)
    change = headers["Location"]
    _, _, page, _ = fetch(one + change, cookies=cookies)
    fields = form_fields(page, "groupprofile_form")
    assert any(name == "introduction_en" for name, _ in fields)
    fields = [
        (name, value + " A new sentence added by an editor." if name == "introduction_en" else value)
        for name, value in fields
    ]
    status, headers, page, _ = fetch(one + change, cookies=cookies, data=[*fields, ("_save", "Save")])
    assert status == 302, page

    # The other server had the home page cached; it shows the edit once it looks at the shared generation
    # again (within a second: test_page_cache pins that on a clock moved by hand, not here on a loaded machine).
    home = poll(lambda: fetch(other + "/en/")[2], lambda page: "A new sentence added by an editor." in page, seconds=60)
    assert "A new sentence added by an editor." in home

    # Both servers answer as production does: security headers, and HSTS once behind HTTPS.
    status, headers, _, _ = fetch(other + "/en/", headers={"X-Forwarded-Proto": "https"})
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, _, health, _ = fetch(one + "/healthz")
    assert status == 200 and '"cache": "ok"' in health and '"database": "ok"' in health
