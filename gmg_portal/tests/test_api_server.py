"""Schemathesis against the API as production serves it: gunicorn, the production settings, PostgreSQL and Redis,
over HTTP, the page cache and the middleware all in the way."""

import os

import pytest
import schemathesis
from django.db import connection
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from testing import api_schema, collect_static, production_environment, start_app_server, stop_app_server

from .pages import require

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="an app server in another process needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),  # committed, so that the server sees the seed
]


@pytest.fixture
def app_server(seeded, tmp_path):
    redis_url = os.environ.get("REDIS_URL", "")
    require(redis_url.startswith("redis://"), "the app server needs the shared Redis (REDIS_URL), as in production")
    # One client asks hundreds of new addresses a minute: above the rate limit, which test_api.py checks.
    environment = production_environment(connection.settings_dict, redis_url, DJANGO_API_RATE="1000000/minute")
    collect_static(environment)
    with open(tmp_path / "app-server.log", "w") as log:
        server, base = start_app_server(environment, log)
        try:
            yield base
        finally:
            stop_app_server(server)


def test_schemathesis_finds_nothing_against_gunicorn_with_the_production_settings(app_server):
    schema = api_schema()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 12
    for operation in operations:
        for mode in schemathesis.GenerationMode:

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
            def check(case):
                case.call_and_validate(base_url=app_server, headers={"Accept-Encoding": "identity"})

            check()
