"""For the benchmark's own commands (make_bench_data, explain): the development settings plus this app.
The server under test runs the production settings, untouched."""

from gmg_portal.settings.development import *  # noqa: F403
from gmg_portal.settings.development import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
