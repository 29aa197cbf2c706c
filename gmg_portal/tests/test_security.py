"""Security headers on every page, and admin sign-in throttled after repeated failures."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.tests.factories import EventFactory

PASSWORD = "a-long-test-password"


def policy(response):
    directives = response["Content-Security-Policy"].split("; ")
    return {directive.split()[0]: directive.split()[1:] for directive in directives}


@pytest.mark.parametrize("address", ["/", "/en/", "/en/events/", "/no-such-page/", "/admin/login/"])
def test_every_page_carries_the_security_headers(client, db, address):
    for _ in range(2):  # the page as built, and as served from the page cache
        response = client.get(address)
        rules = policy(response)
        assert rules["script-src"] == ["'self'"]
        assert rules["style-src"] == ["'self'"]
        assert rules["frame-ancestors"] == ["'none'"]
        assert rules["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    "address", ["/static/vendor/bootstrap/js/bootstrap.bundle.min.js", "/favicon.ico", "/static/no-such-file.css"]
)
def test_static_files_carry_the_security_headers_too(client, db, address):
    """WhiteNoise answers them above the middleware that sets most headers (gmg_portal/middleware.py)."""
    response = client.get(address)
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_a_server_error_page_carries_the_permissions_policy(db, settings, monkeypatch):
    from gmg_portal import views

    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.HomeView, "get", fail)
    response = Client(raise_request_exception=False).get("/en/")
    assert response.status_code == 500
    assert "camera=()" in response["Permissions-Policy"] and response["X-Content-Type-Options"] == "nosniff"


def test_the_event_page_structured_data_is_a_data_block_not_a_script(client, db):
    """CSP forbids inline scripts; JSON-LD is allowed because browsers never run it."""
    page = client.get(EventFactory().get_absolute_url()).content.decode()
    assert page.count("<script") == 2
    assert '<script type="application/ld+json">' in page
    assert '<script src="/static/vendor/bootstrap/js/bootstrap.bundle.min.js" defer></script>' in page


def sign_in(client, username, password):
    login = reverse("admin:login")
    return client.post(login, {"username": username, "password": password, "next": reverse("admin:index")})


def test_sign_in_is_refused_for_15_minutes_after_5_failures_with_a_clear_page(db, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(4):
            response = sign_in(client, "editor", "wrong")
            assert response.status_code == 200
            assert "Please enter the correct username and password" in response.content.decode()
        locked = sign_in(client, "editor", "wrong")
        assert locked.status_code == 429
        assert "Too many failed sign-ins" in locked.content.decode()
        assert "paused for 15 minutes" in locked.content.decode()

        # While locked, even the right password is refused, and other accounts from the same address too.
        assert sign_in(client, "editor", PASSWORD).status_code == 429
        assert sign_in(client, "someone-else", "guess").status_code == 429
        # Another address is not locked out.
        other = Client(REMOTE_ADDR="192.0.2.44")
        assert sign_in(other, "editor", PASSWORD).status_code == 302

        traveller.shift(timedelta(minutes=14))
        assert sign_in(client, "editor", PASSWORD).status_code == 429
        traveller.shift(timedelta(minutes=16))
        signed_in = sign_in(client, "editor", PASSWORD)
        assert signed_in.status_code == 302 and signed_in["Location"] == reverse("admin:index")


@pytest.mark.parametrize("length", [151, 256, 1000, 5000])
def test_a_sign_in_name_longer_than_any_account_s_is_a_failed_sign_in_that_counts(db, django_user_model, length):
    """Recorded whole, a name over 255 characters broke the throttling's insert on PostgreSQL (a 500)."""
    from axes.models import AccessAttempt

    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    client = Client()
    for _ in range(4):
        response = sign_in(client, "e" * length, PASSWORD)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert sign_in(client, "e" * length, PASSWORD).status_code == 429
    assert sign_in(client, "editor", PASSWORD).status_code == 429  # the lock-out holds for the address
    assert AccessAttempt.objects.exclude(username="editor").get().username == "e" * min(length, 255)


@pytest.mark.parametrize(
    "params",
    [
        {"status__exact": "\x00"},
        {"q": "\x00"},
        {"q": "unhcr\x00", "status__exact": "published"},
        {"kind__exact": "\x1b[2J"},
        {"q": "x" * 2001},
        {"o": "1", "\x00": "1"},
    ],
)
def test_a_control_character_or_an_over_long_value_in_an_admin_list_is_a_bad_request(staff_client, params):
    """A NUL answered 500 on PostgreSQL, which refuses it in any string; on SQLite it reached the query."""
    response = staff_client.get(reverse("admin:agencies_agency_changelist"), params)
    assert response.status_code == 400
    assert "This request cannot be answered" in response.content.decode()
    assert "camera=()" in response["Permissions-Policy"]


def test_a_nul_in_a_posted_admin_field_is_a_bad_request_and_text_from_word_is_not(staff_client):
    """Django's text fields refuse NUL as a form error; the guard refuses it in every field, the admin's actions too.
    Vertical tabs and form feeds (pasted from Word or a PDF) reach the form, which keeps them."""
    changelist = reverse("admin:agencies_agency_changelist")
    posted = {"action": "publish_selected", "_selected_action": "1\x00"}
    assert staff_client.post(changelist, posted).status_code == 400
    assert staff_client.get(changelist, {"q": "a\tb"}).status_code == 400  # a search box cannot type a tab
    form = staff_client.post(reverse("admin:agencies_agency_add"), {"summary_en": "A line\x0bbreak\x0c"})
    assert form.status_code == 200 and form.context["adminform"].form.errors  # the form's own errors, not a 400


@pytest.mark.parametrize("selected", ["abc", "\x0c", "1.5", "99999999999999999999999"])
@pytest.mark.parametrize(
    ("changelist", "action"),
    [("admin:agencies_agency_changelist", "publish_selected"), ("admin:auth_user_changelist", "delete_selected")],
)
def test_an_admin_action_on_a_selection_that_is_no_id_is_a_bad_request(staff_client, selected, changelist, action):
    """Django's admin filtered the records by the posted ids as they came, and a text that is no id answered 500:
    on the content's lists and on Django's own (accounts)."""
    posted = {"action": action, "_selected_action": ["1", selected]}
    assert staff_client.post(reverse(changelist), posted).status_code == 400


def test_a_successful_sign_in_clears_earlier_failures(db, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    client = Client()
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "editor", "wrong").status_code == 200
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_behind_the_proxy_each_visitor_is_throttled_by_their_own_address(db, django_user_model, settings):
    """The proxy writes the visitor's address into X-Forwarded-For; REMOTE_ADDR is the proxy's, the same for all."""
    settings.PROXY_COUNT = 1
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for _ in range(5):
        sign_in(attacker, "editor", "wrong")
    assert sign_in(attacker, "editor", PASSWORD).status_code == 429
    # A forged entry on the left is not believed: the proxy's entry on the right still names the attacker.
    forging = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5")
    assert sign_in(forging, "editor", PASSWORD).status_code == 429
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert sign_in(colleague, "editor", PASSWORD).status_code == 302
