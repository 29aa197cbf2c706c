"""Worker memory over a long run of pages built anew (issue 15): `make bench-memory`, after `make bench`, whose
database (gmg_bench, 20,000 events) and files of new addresses it reuses.

Starts the portal as `make bench` does (gunicorn, deploy/gunicorn.conf.py, the production settings, Redis), then
asks for new event pages, new filter combinations and new searches in turn, STEP_SECONDS each, for
BENCH_MEMORY_SECONDS in all (default 300), each request a new address from a new visitor address
(bench/new-addresses.lua), and prints each worker's resident memory (VmRSS, /proc) after every step. What each
process keeps for the generation (pages, small tables, cards: core/generation.py, core/references.py) is bounded,
so memory should rise at the start and then stay flat. It stops by itself.
"""

import json
import os
import sys
from pathlib import Path

import psycopg2
import run  # bench/run.py: the same server, environment and wrk

TOTAL_SECONDS = int(os.environ.get("BENCH_MEMORY_SECONDS", "300"))
STEP_SECONDS = 30
SCENARIOS = ["events", "filters", "searches"]


def workers(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def resident_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main():
    try:
        psycopg2.connect(run.DATABASE_URL).close()
        addresses = {name: run.ADDRESSES / f"{name}.txt" for name in SCENARIOS}
        missing = [str(path) for path in addresses.values() if not path.exists()]
    except psycopg2.OperationalError:
        missing = [run.DATABASE_URL]
    if missing:
        sys.exit(f"run `make bench` first: missing {', '.join(missing)}")
    run.ensure_wrk()
    manifest = json.loads((run.ROOT / "var" / "static" / "staticfiles.json").read_text())
    static_path = "/static/" + manifest["paths"]["css/portal.css"]
    with run.gunicorn(run.environment("gmg_portal.settings.production")) as (base, server):
        run.get(base + static_path)
        print(f"Worker memory, {TOTAL_SECONDS} s of new addresses, {STEP_SECONDS} s a step, 20,000 events\n")
        print("| after s | step | requests/s | non-2xx | resident MiB per worker |")
        print("| ---: | --- | ---: | ---: | --- |")
        print(f"| 0 | started | | | {sizes(server.pid)} |")
        elapsed, step = 0, 0
        lines = {name: len(path.read_text().split()) for name, path in addresses.items()}
        while elapsed < TOTAL_SECONDS:
            name = SCENARIOS[step % len(SCENARIOS)]
            first = (step // len(SCENARIOS)) * 10_000 % lines[name]  # each round of steps asks further on
            figures = run.wrk(base + "/", STEP_SECONDS, None, addresses[name], first)
            elapsed += STEP_SECONDS
            step += 1
            print(f"| {elapsed} | {name} | {figures['rps']:.0f} | {figures['bad']} | {sizes(server.pid)} |", flush=True)


def sizes(master):
    return ", ".join(f"{resident_mib(pid):.0f}" for pid in workers(master))


if __name__ == "__main__":
    main()
