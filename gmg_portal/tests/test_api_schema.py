"""The API's OpenAPI schema: committed as openapi.yaml, valid, and what the API does (Schemathesis)."""

import io
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import validate

from testing import api_schema

COMMITTED = Path(settings.BASE_DIR) / "openapi.yaml"


def test_the_committed_schema_is_the_one_the_code_makes():
    """A change to the API changes openapi.yaml in the same commit (`make openapi`), deliberately."""
    made = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=made)
    assert made.getvalue() == COMMITTED.read_text(), "the API changed: run `make openapi` and commit openapi.yaml"


def test_the_schema_is_valid_openapi_3_and_served_as_committed(client, db):
    validate(yaml.safe_load(COMMITTED.read_text()))
    served = client.get("/api/v1/schema/", HTTP_ACCEPT_LANGUAGE="ar")
    assert served.status_code == 200
    assert yaml.safe_load(served.content) == yaml.safe_load(COMMITTED.read_text())
    as_json = client.get("/api/v1/schema/?format=json")
    assert as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")


def test_every_path_has_its_language_and_every_answer_is_described():
    schema = yaml.safe_load(COMMITTED.read_text())
    assert len(schema["paths"]) == 12
    for path, operations in schema["paths"].items():
        assert path.startswith("/{lang}/api/v1/"), path
        for method, operation in operations.items():
            assert method == "get"
            assert {"200", "400", "404", "429"} <= set(operation["responses"]), path
            assert operation["parameters"][0]["name"] == "lang"
    events = {
        parameter["name"]: parameter for parameter in schema["paths"]["/{lang}/api/v1/events/"]["get"]["parameters"]
    }
    assert events["year"]["schema"] == {"type": "integer", "minimum": 1900, "maximum": 2100}
    assert events["q"]["schema"]["maxLength"] == 100
    assert events["page_size"]["schema"]["maximum"] == settings.API_MAX_PAGE_SIZE
    assert set(events["when"]["schema"]["enum"]) == {"upcoming", "past"}


# Schemathesis, in process, against every operation: no 5xx, every status code and body as the schema says, and
# data the schema forbids refused (testing.api_schema says what counts as refused).
API = api_schema()


@pytest.fixture
def wsgi():
    """The portal's WSGI application, called in process within the test's transaction: as Django's test client
    does, the database connection is not closed at the end of each request (it would end the transaction)."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@API.parametrize()
@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_schemathesis_finds_nothing(case, seeded, wsgi):
    case.call_and_validate(app=wsgi, headers={"Accept-Encoding": "identity"})
