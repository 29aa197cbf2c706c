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


@pytest.mark.parametrize("address", ["/", "/events/", "/no-such-page/", "/admin/login/"])
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


def test_the_event_page_structured_data_is_a_data_block_not_a_script(client, db):
    """CSP forbids inline scripts; JSON-LD is allowed because browsers never run it."""
    page = client.get(EventFactory().get_absolute_url()).content.decode()
    assert page.count("<script") == 2
    assert '<script type="application/ld+json">' in page
    assert '<script src="/static/vendor/bootstrap/js/bootstrap.bundle.min.js"></script>' in page


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
