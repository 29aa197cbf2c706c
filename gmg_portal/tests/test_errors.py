"""Friendly error pages that never leak a traceback; a 503 while the database is out of reach and
recovery by itself when it returns; /healthz for a load balancer."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import dj_database_url
import psycopg2
import pytest
from django.test import RequestFactory

from gmg_portal.views import server_error
from testing import SEED, poll

from .pages import require

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_missing_page_gets_a_friendly_404(client):
    response = client.get("/en/members/no-such-member/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode() and "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_a_bad_host_gets_a_friendly_400(client):
    response = client.get("/", HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    assert "This request cannot be answered" in response.content.decode()


def test_the_500_page_says_sorry_and_nothing_else():
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500 and "Something went wrong on our side" in page
    assert "Traceback" not in page and "File " not in page


@pytest.mark.django_db
def test_healthz_reports_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


class Gate:
    """A TCP relay to PostgreSQL on a port of its own, that the test opens and closes like an outage."""

    def __init__(self, target_port):
        self.target_port, self.open, self.connections = target_port, True, []
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(50)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.connections += [client, upstream]
            for source, sink in [(client, upstream), (upstream, client)]:
                threading.Thread(target=self.pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()

    def cut(self):
        """Refuse new connections and break the open ones, as a database restart does."""
        self.open = False
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.connections = []

    def restore(self):
        self.open = True


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_database_outage_gets_a_friendly_503_and_the_portal_recovers_by_itself(tmp_path):
    postgres = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    settings = dj_database_url.parse(postgres)
    try:
        admin = psycopg2.connect(
            dbname="postgres",
            user=settings["USER"],
            password=settings["PASSWORD"],
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            connect_timeout=5,
        )
    except psycopg2.OperationalError:
        require(False, "the outage test needs a PostgreSQL server to stand between")
    name = f"gmg_outage_{uuid.uuid4().hex[:8]}"
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    gate = Gate(int(settings["PORT"] or 5432))
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="gmg_portal.settings.development",
        DJANGO_DEBUG="0",
        DJANGO_PAGE_CACHE_SECONDS="600",
        DATABASE_URL=f"postgres://{settings['USER']}@127.0.0.1:{gate.port}/{name}",
    )
    manage = [sys.executable, "manage.py"]
    server = None
    try:
        subprocess.run([*manage, "migrate", "-v0"], cwd=BASE_DIR, env=environment, check=True, timeout=300)
        subprocess.run(
            [*manage, "loaddata", *SEED, "-v0"],
            cwd=BASE_DIR,
            env=environment,
            check=True,
            timeout=120,
        )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"

        def status_of(path):
            try:
                return fetch(base + path)[0]
            except (urllib.error.URLError, ConnectionError):
                return None

        assert poll(lambda: status_of("/healthz"), lambda status: status == 200, seconds=120) == 200
        assert fetch(base + "/en/members/unhcr/")[0] == 200

        gate.cut()
        # A page visited before the outage is still served, from the page cache; any other gets the 503 page.
        assert fetch(base + "/en/members/unhcr/")[0] == 200
        status, page = fetch(base + "/en/members/iom/")
        assert status == 503 and "The portal is back in a moment" in page and "Traceback" not in page
        status, health = fetch(base + "/healthz")
        assert status == 503 and '"database": "error: OperationalError"' in health

        gate.restore()
        assert poll(lambda: status_of("/en/members/iom/"), lambda status: status == 200, seconds=60) == 200
        assert fetch(base + "/healthz")[0] == 200
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        gate.cut()
        gate.server.close()
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
