"""Every page of the seed content is valid HTML in each of the six languages, as the W3C Nu checker (vnu.jar, from
npm) judges it."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from .pages import SEED_PAGES, in_every_language, require

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.django_db
def test_every_page_is_valid_html(client, seeded, tmp_path):
    require(VNU.exists(), f"the Nu HTML checker is not installed ({VNU}): run make test, which runs npm ci")
    require(shutil.which("java"), "the Nu HTML checker needs Java")
    pages = {}
    # One run of the checker for all of them: Java and the checker take seconds to start.
    for number, url in enumerate(in_every_language([*SEED_PAGES, "/en/members/nope/"])):
        response = client.get(url)
        assert response.status_code == (404 if "/nope/" in url else 200), url
        path = tmp_path / f"page{number}.html"
        path.write_bytes(response.content)
        pages[f"file:{path}"] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{pages.get(message.get('url'), message.get('url'))}: {message['message']}" for message in messages]
    assert errors == []
    assert result.returncode == 0
