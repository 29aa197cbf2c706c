import pytest
from django.core.management import call_command

from .pages import SEED


@pytest.fixture
def seeded(db):
    """The seed content of fixtures/, loaded as a deployment loads it."""
    call_command("loaddata", *SEED, verbosity=0)
