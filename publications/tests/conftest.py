import pytest


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    """Each test's files in a folder of its own, never the deployment's."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT
