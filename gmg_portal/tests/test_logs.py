"""Structured request logs: one JSON line per request with its timing, and the request id on every line."""

import itertools
import json
import logging
from types import SimpleNamespace

import pytest
from django.test import override_settings

from events.tests.factories import EventFactory
from gmg_portal.request_log import RequestIdFilter


@pytest.fixture
def log_lines():
    """The lines the portal's own JSON formatter writes, as dicts, from every logger."""
    from pythonjsonlogger.json import JsonFormatter

    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lines
    root.removeHandler(handler)


def test_each_request_is_one_line_with_its_timing_and_queries(client, db, log_lines, monkeypatch):
    event = EventFactory()
    # The request log's own clock, a quarter of a second on at each reading: the duration is then known
    # exactly, whatever the load on the machine.
    monkeypatch.setattr(
        "gmg_portal.request_log.time", SimpleNamespace(perf_counter=itertools.count(100, 0.25).__next__)
    )
    response = client.get(event.get_absolute_url(), HTTP_X_REQUEST_ID="proxy-7f3a")
    assert response["X-Request-ID"] == "proxy-7f3a"
    [line] = [line for line in log_lines if line["name"] == "gmg_portal.request"]
    assert line["method"] == "GET" and line["path"] == event.get_absolute_url() and line["status"] == 200
    # The page's 3 queries (the event, its topics' and participants' keys), 5 to read the small tables it names for
    # the generation (core/references.py) and 7 to start the page cache's generation (one per kind of public record).
    assert line["queries"] == 3 + 5 + 7 and line["duration_ms"] == 250
    assert line["page_cache"] == "miss" and line["user_id"] is None and line["request_id"] == "proxy-7f3a"
    assert line["bytes"] == len(response.content)


def test_a_request_id_that_could_forge_a_log_line_is_replaced(client, db, log_lines):
    response = client.get("/en/members/", HTTP_X_REQUEST_ID='x"\n{"level": "INFO"}')
    assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"].isalnum()


def test_search_words_stay_out_of_the_log(client, db, log_lines):
    client.get("/en/search/", {"q": "my private words"})
    assert "private" not in json.dumps(log_lines)


@override_settings(DEBUG=False)
def test_an_error_is_logged_with_its_traceback_and_the_request_id(client, db, log_lines, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("planted failure")

    monkeypatch.setattr("gmg_portal.views.HomeView.get_context_data", broken)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    errors = [line for line in log_lines if line["name"] == "django.request"]
    assert errors and "RuntimeError: planted failure" in errors[0]["exc_info"]
    assert errors[0]["request_id"] == response["X-Request-ID"]
    [access] = [line for line in log_lines if line["name"] == "gmg_portal.request"]
    assert access["levelname"] == "ERROR" and access["status"] == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page and response["X-Request-ID"] in page
    assert "planted failure" not in page and "Traceback" not in page
