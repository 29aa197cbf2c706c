"""EXPLAIN ANALYZE every query of the benchmark's pages, on PostgreSQL at the large size.

For each page it prints each query's execution time and every sequential scan of a table of more
than 1,000 rows, which a missing index shows as. The page cache is bypassed: this is what a page
costs when it is built.
"""

import json
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

BIG_TABLE_ROWS = 1000


def plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


class Command(BaseCommand):
    help = "EXPLAIN ANALYZE the queries of the given pages (PostgreSQL only)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("EXPLAIN here is PostgreSQL's.")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT relname, n_live_tup FROM pg_stat_user_tables")
            rows = dict(cursor.fetchall())
        big = {table for table, count in rows.items() if count > BIG_TABLE_ROWS}
        client = Client()
        with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]):
            for path in options["paths"]:
                with CaptureQueriesContext(connection) as captured:
                    status = client.get(path).status_code
                self.stdout.write(f"\n{path}: {status}, {len(captured)} queries")
                for query in captured.captured_queries:
                    self.explain(query["sql"], big, rows)

    def explain(self, sql, big, rows):
        # A form's choices are read with .iterator(): a server-side cursor around the SELECT.
        declared = re.match(r"DECLARE \S+ NO SCROLL CURSOR WITH(?:OUT)? HOLD FOR (SELECT .*)", sql, re.S)
        sql = declared.group(1) if declared else sql
        if not sql.lstrip().upper().startswith("SELECT"):
            return
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        top = plan[0]
        scans = [
            f"{node['Relation Name']} ({rows[node['Relation Name']]} rows)"
            for node in plan_nodes(top["Plan"])
            if node["Node Type"] == "Seq Scan" and node["Relation Name"] in big
        ]
        summary = f"  {top['Execution Time']:8.2f} ms  {sql[:110]}"
        if scans:
            summary += f"\n             seq scan of {', '.join(scans)}"
        self.stdout.write(summary)
