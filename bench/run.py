"""The portal under load: `make bench` (or `.venv/bin/python bench/run.py`).

Builds a fresh PostgreSQL database `gmg_bench` with the large data set (bench/management/commands/
make_bench_data.py), starts the portal as production runs it (gunicorn with deploy/gunicorn.conf.py,
the production settings, Redis), then loads each page with wrk (32 connections, loopback only) and
prints, per page: requests per second, as a ratio to a static file served by the same server in the
same run, median and 99th percentile latency, and queries per request (from the portal's own request
log). It also prints what each page costs the first time (page cache empty): time and queries.
Besides pages the cache holds, it loads addresses never asked before (issue 15): each request the next line of
a file of them (bench/management/commands/bench_addresses.py, read by bench/new-addresses.lua), from a new
visitor address each time; and it ends the table with issue 15's targets and whether each row meets them.
It stops by itself: every wrk run is bounded, and so is the whole (BENCH_SECONDS per page, default 10).
Before that it times `loaddata` of the seed fixtures into a fresh database (target: under 3 s), and
after it runs EXPLAIN ANALYZE on every query of the pages (bench/management/commands/explain_pages.py).

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gmg_bench; the database
is dropped and made again), BENCH_REDIS_URL (default redis://127.0.0.1:6379/14; emptied).
"""

import contextlib
import dataclasses
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg2
import redis

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gmg_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP_SECONDS = 2
CONNECTIONS = 32
THREADS = 2
NEW_ADDRESSES = ROOT / "bench" / "new-addresses.lua"
ADDRESSES = ROOT / "var" / "bench-addresses"
IDLE_REQUESTS = 10
LOG = ROOT / "var" / "bench-requests.log"


def step(message):
    print(f"-- {message}", file=sys.stderr, flush=True)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    step("installing Debian's wrk")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    )


def recreate_database(url, drop_only=False):
    settings = dj_database_url.parse(url)
    name = settings["NAME"]
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        sys.exit(f"BENCH_DATABASE_URL must name a plain database, not {name!r}")
    admin = psycopg2.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if not drop_only:
            cursor.execute(f"CREATE DATABASE {name}")
    admin.close()


def vacuum_analyze(url):
    """Settle the freshly loaded tables now, so that autovacuum does not wake up in the middle of a measurement."""
    settings = dj_database_url.parse(url)
    connection = psycopg2.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def time_seed_load():
    """Seconds for `manage.py loaddata agencies themes events` into a fresh, migrated database
    (Python's start included)."""
    url = DATABASE_URL.rsplit("/", 1)[0] + "/" + dj_database_url.parse(DATABASE_URL)["NAME"] + "_seed"
    recreate_database(url)
    env = {**environment("bench.settings"), "DATABASE_URL": url}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "manage.py", "loaddata", "agencies", "themes", "events", "publications", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    seconds = time.perf_counter() - started
    recreate_database(url, drop_only=True)
    return seconds


def environment(settings_module):
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",  # loopback, no TLS: the proxy does HTTPS in production
        PYTHONUNBUFFERED="1",
        # wrk is one client asking far more than the API's rate limit allows (explain_pages too, after it)
        DJANGO_API_RATE="100000000/minute",
    )
    return env


def manage(settings_module, *arguments):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment(settings_module), check=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# A session cookie makes the page cache step aside (gmg_portal/page_cache.py): each request then costs the whole
# work of the page, as one never asked before does. Such rows are marked "(uncached)".
UNCACHED = {"Cookie": "sessionid=bench-uncached"}


def get(url, headers=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(base, log_path=LOG):
    for _ in range(150):
        try:
            if get(base + "/healthz")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.2)
    sys.exit("the portal did not start; see " + str(log_path))


@contextlib.contextmanager
def gunicorn(env, log_path=LOG):
    """The portal as production runs it (gunicorn with deploy/gunicorn.conf.py and `env`) on a free loopback port,
    its output in log_path: yields its address and master process once /healthz answers, and stops it on leaving."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(exist_ok=True)
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "gmg_portal.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(base, log_path)
        yield base, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def request_log_since(offset):
    """The portal's JSON request lines written after `offset` bytes of the log."""
    with LOG.open() as log:
        log.seek(offset)
        lines = log.read().splitlines()
    return [entry for entry in map(parse_json, lines) if entry and entry.get("logger") == "gmg_portal.request"]


def parse_json(line):
    try:
        return json.loads(line)
    except ValueError:
        return None


def wrk(url, seconds, headers=None, addresses=None, first=0):
    """wrk's figures for `url`, or, given a file of `addresses`, for each of them in turn from line `first` on."""
    extra = [argument for name, value in (headers or {}).items() for argument in ("-H", f"{name}: {value}")]
    script = ["-s", str(NEW_ADDRESSES), "--", str(addresses), str(first), str(THREADS)] if addresses else []
    result = subprocess.run(
        [
            "wrk",
            *extra,
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            url,
            *script,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    out = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+([\d.]+\w+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "bad": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def measure(base, path, headers=None, addresses=None):
    """First requests, then warm-up, then the measured run. For one address, the first request is the only one
    the page cache cannot answer; for a file of `addresses`, each request is a new address, and the first
    requests are IDLE_REQUESTS of them, one at a time, on the otherwise idle server (their median)."""
    offset = LOG.stat().st_size
    if addresses:
        lines = addresses.read_text().split()
        firsts = lines[:IDLE_REQUESTS]
        warm_up, measured = IDLE_REQUESTS, len(lines) // 2
    else:
        firsts, warm_up, measured = [path], 0, 0
    times = []
    for first in firsts:
        started = time.perf_counter()
        status, _ = get(base + first, headers)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            sys.exit(f"{first} answered {status}")
    time.sleep(0.3)
    cold = request_log_since(offset)[-len(firsts) :]
    cold_queries = statistics.median(entry["queries"] for entry in cold) if cold else None
    wrk(base + path, WARM_UP_SECONDS, headers, addresses, warm_up)
    time.sleep(0.3)
    offset = LOG.stat().st_size
    figures = wrk(base + path, SECONDS, headers, addresses, measured)
    time.sleep(0.5)
    logged = request_log_since(offset)
    figures["queries"] = statistics.fmean(entry["queries"] for entry in logged) if logged else float("nan")
    figures["hits"] = sum(entry.get("page_cache") == "hit" for entry in logged) / len(logged) if logged else 0
    figures["cold_ms"] = statistics.median(times)
    figures["cold_queries"] = cold_queries
    return figures


def pages(database_env):
    """The rows to load: addresses picked from the generated data, and the files of new addresses."""
    code = (
        "from events.models import Event; from themes.models import Topic; from agencies.models import Agency; "
        "e = Event.objects.published().upcoming().order_by('starts_at').first(); "
        "t = Topic.objects.published().order_by('position').first(); "
        "a = Agency.objects.published().order_by('slug').first(); "
        "print(e.slug, t.slug, a.slug)"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=database_env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    event, topic, agency = out.splitlines()[-1].split()
    cached = [
        ("home", "/en/"),
        ("members", "/en/members/"),
        ("upcoming events", "/en/events/"),
        ("past events", "/en/events/past/"),
        ("filtered past events", f"/en/events/past/?year=2015&topic={topic}&participant={agency}"),
        ("an event", f"/en/events/{event}/"),
        ("a topic", f"/en/topics/{topic}/"),
        ("search", "/en/search/?q=migration+children"),
        ("calendar", "/en/events/calendar.ics"),
        # The JSON API (issue 14): a list and a record, from the page cache and uncached.
        ("api events", "/en/api/v1/events/?when=upcoming"),
        ("api event", f"/en/api/v1/events/{event}/"),
        ("api members", "/en/api/v1/members/"),
    ]
    uncached = [
        ("api events", "/en/api/v1/events/?when=upcoming"),
        ("api event", f"/en/api/v1/events/{event}/"),
        ("api members", "/en/api/v1/members/"),
    ]
    return [
        *[Row(name, path, target=CACHED) for name, path in cached],
        # Never asked before: each request a new address from a file of them, from a new visitor address.
        Row("event pages, new", "/", addresses="events", target=NEW_PAGE),
        Row("searches, new", "/", addresses="searches", target=NEW_SEARCH),
        Row("archive filters, new", "/", addresses="filters", target=NEW_FILTERS),
        # Too few to be new for a whole run: asked with a session cookie, which the page cache steps aside for.
        *[
            Row(f"{kind} pages (uncached)", "/", UNCACHED, addresses=kind, target=NEW_PAGE)
            for kind in ("members", "topics", "chairmanships")
        ],
        *[Row(f"{name} (uncached)", path, UNCACHED) for name, path in uncached],
    ]


@dataclasses.dataclass
class Target:
    ratio: float  # at least this many requests per second as the static file
    p99: float  # milliseconds, at most
    first: float | None = None  # milliseconds, at most, for one request on the idle server

    def misses(self, figures, static_rps):
        """What the figures miss of the target, in words; empty when met."""
        missed = []
        if figures["rps"] / static_rps < self.ratio:
            missed.append(f"ratio < {self.ratio}")
        if figures["p99"] > self.p99:
            missed.append(f"p99 > {self.p99:.0f} ms")
        if self.first is not None and figures["cold_ms"] > self.first:
            missed.append(f"first > {self.first:.0f} ms")
        return missed

    def __str__(self):
        first = f", first ≤ {self.first:.0f} ms" if self.first is not None else ""
        return f"≥ {self.ratio}, p99 ≤ {self.p99:.0f} ms{first}"


# Issue 15's targets, at 20,000 events.
CACHED = Target(ratio=0.9, p99=50)
NEW_PAGE = Target(ratio=0.1, p99=250, first=20)
NEW_SEARCH = Target(ratio=0.05, p99=250, first=50)
NEW_FILTERS = Target(ratio=0.05, p99=250, first=20)


@dataclasses.dataclass
class Row:
    name: str
    path: str
    headers: dict | None = None
    addresses: str | None = None  # the file of new addresses (bench_addresses), each request the next one
    target: Target | None = None
    figures: dict = dataclasses.field(default_factory=dict)

    def measure(self, base):
        addresses = ADDRESSES / f"{self.addresses}.txt" if self.addresses else None
        self.figures = measure(base, self.path, self.headers, addresses)
        return self

    @property
    def shown_path(self):
        return f"{self.addresses}.txt" if self.addresses else f"`{self.path}`"


def main():
    ensure_wrk()
    step("timing the seed fixtures' load")
    seed_seconds = time_seed_load()
    step(f"fresh database at {DATABASE_URL}, Redis at {REDIS_URL}")
    recreate_database(DATABASE_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()
    manage("bench.settings", "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    manage("bench.settings", "make_bench_data")
    manage("bench.settings", "bench_addresses", str(ADDRESSES))
    step(f"data and addresses generated in {time.perf_counter() - started:.1f} s")
    vacuum_analyze(DATABASE_URL)
    manage("gmg_portal.settings.production", "collectstatic", "--noinput", "-v0")
    manifest = json.loads((ROOT / "var" / "static" / "staticfiles.json").read_text())
    static_path = "/static/" + manifest["paths"]["css/portal.css"]

    with gunicorn(environment("gmg_portal.settings.production")) as (base, _server):
        step(f"gunicorn on {base}; {SECONDS} s per page, {CONNECTIONS} connections")
        rows = [Row("static file (before)", static_path).measure(base)]
        for row in pages(environment("bench.settings")):
            step(row.name)
            rows.append(row.measure(base))
        rows.append(Row("static file (after)", static_path).measure(base))

    static_rps = statistics.fmean(row.figures["rps"] for row in rows if row.name.startswith("static"))
    report(rows, static_rps)
    print(
        f"\nSeed fixtures: `manage.py loaddata agencies themes events` into a fresh PostgreSQL database took "
        f"{seed_seconds:.2f} s (Python's start included)."
    )
    print("\nEXPLAIN ANALYZE of each page's queries at this size (page cache bypassed):\n```")
    sys.stdout.flush()
    paths = [row.path for row in rows if not row.name.startswith("static") and not row.addresses]
    paths += [(ADDRESSES / f"{row.addresses}.txt").read_text().split()[0] for row in rows if row.addresses]
    manage("bench.settings", "explain_pages", *dict.fromkeys(paths))
    print("```")


def report(rows, static_rps):
    workers = os.environ.get("WEB_CONCURRENCY", "default")
    print(
        f"Benchmark: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"gunicorn (deploy/gunicorn.conf.py, WEB_CONCURRENCY={workers}), PostgreSQL + Redis on 127.0.0.1; "
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s with Accept-Encoding: gzip, on the same machine. "
        f"A row of new addresses asks for each address once, from a new visitor address each time; its first "
        f"request figures are the median of {IDLE_REQUESTS} new addresses asked one at a time."
    )
    print()
    print(
        "| page | address | requests/s | vs static | median ms | p99 ms | queries/request | page cache hits "
        "| first request ms | first request queries | target | met |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    met = []
    for row in rows:
        f = row.figures
        flags = f" ({f['bad']} non-2xx)" if f["bad"] else ""
        flags += f" (socket errors: {f['socket_errors']})" if f["socket_errors"] else ""
        if row.target:
            missed = row.target.misses(f, static_rps)
            met.append(not missed)
            verdict = "no: " + ", ".join(missed) if missed else "yes"
        else:
            verdict = ""
        print(
            f"| {row.name}{flags} | {row.shown_path} | {f['rps']:.0f} | {f['rps'] / static_rps:.2f} | "
            f"{f['p50']:.1f} | {f['p99']:.1f} | {f['queries']:.2f} | {f['hits']:.0%} | {f['cold_ms']:.0f} | "
            f"{f['cold_queries']} | {row.target or ''} | {verdict} |"
        )
    print(f"\nTargets met: {sum(met)} of {len(met)}.")


if __name__ == "__main__":
    main()
