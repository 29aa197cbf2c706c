"""A bound on the pages one client address makes the portal build: NEW_PAGE_RATE (DJANGO_NEW_PAGE_RATE, default
120/minute), past which it answers 429 with Retry-After until the minute is over.

A page the page cache holds costs next to nothing and is never counted: this middleware sits below the cache, so it
sees only the requests the cache could not answer (an address never asked before in the generation, a search, a
filter combination) and those with a session cookie, which the cache steps aside for. One client sending many new
addresses a second (a crawler walking every filter combination, or anyone sending made-up session cookies) then
cannot take the app servers from everyone else: others, and the cached pages, are still served. A visitor, even a
fast one, and a search engine following links at a page a second ask for far fewer.

Not counted: signed-in staff, the admin, the JSON API (it has its own rate, API_RATE, in the same way), and views
marked `uncounted` (the load balancer's /healthz). The client is `gmg_portal.proxy.client_ip`, as behind the
proxy the portal already reads it; when the shared cache is out of reach nothing is counted (and it is logged).
"""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from rest_framework.views import APIView

from .proxy import client_ip

logger = logging.getLogger("gmg_portal.crawl_limit")
PERIODS = {"second": 1, "minute": 60, "hour": 3600}


def uncounted(view):
    """Mark a view this limit never applies to."""
    view.uncounted = True
    return view


def parse_rate(rate):
    """ "120/minute" → (120, 60)."""
    number, period = rate.split("/")
    return int(number), PERIODS[period]


class CrawlLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if (
            getattr(view, "uncounted", False)
            or (isinstance(getattr(view, "cls", None), type) and issubclass(view.cls, APIView))
            or request.path.startswith(f"/{settings.ADMIN_URL}")
            or request.user.is_authenticated
        ):
            return None
        allowed, period = parse_rate(settings.NEW_PAGE_RATE)
        now = time.time()
        window = math.floor(now / period)
        key = f"crawl:{client_ip(request)}:{window}"
        try:
            cache.add(key, 0, period + 1)
            count = cache.incr(key)
        except Exception:
            logger.exception("could not count the pages built for %s; not counted", client_ip(request))
            return None
        if count <= allowed:
            return None
        response = TemplateResponse(request, "429.html", status=429)
        response["Retry-After"] = str(max(1, math.ceil((window + 1) * period - now)))
        response["Cache-Control"] = "no-store"
        return response
