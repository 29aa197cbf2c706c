"""/healthz: what a load balancer asks before sending visitors to this app server.

503 only when the database is out of reach, since nothing can then be served. Without the cache the
portal still serves every page (uncached, slower): the answer is 200 with status "degraded", so
that a Redis outage does not take every app server out of the load balancer at once.
"""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .crawl_limit import uncounted


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not return what was just stored")


@uncounted  # the load balancer asks every few seconds from one address (gmg_portal/crawl_limit.py)
@never_cache
@require_GET
def healthz(request):
    report = {}
    for name, check in [("database", check_database), ("cache", check_cache)]:
        try:
            check()
            report[name] = "ok"
        except Exception as error:  # any failure of a dependency is reported, not raised
            report[name] = f"error: {type(error).__name__}"
    if report["database"] != "ok":
        return JsonResponse({"status": "unavailable", **report}, status=503)
    status = "ok" if report["cache"] == "ok" else "degraded"
    return JsonResponse({"status": status, **report}, status=200)
