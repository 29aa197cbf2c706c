"""/healthz: what a load balancer asks before sending visitors to this app server."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not return what was just stored")


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
    healthy = all(state == "ok" for state in report.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **report}, status=200 if healthy else 503)
