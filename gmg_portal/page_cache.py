"""Whole public pages for anonymous visitors, kept in the shared cache until the content changes.

Pages are stored under the content's current *generation* (core/generation.py), which any change of what
the public sees ends, on every app server within a second. So a cached page is never staler than the database.

Every stored page carries an ETag made from its uncompressed body before it is stored, so a hit and a miss give
the same one, and a request whose If-None-Match names it gets a 304 either way. It is a weak ETag (W/"…"): the
same page is sent gzipped or not, and GZipMiddleware, above, would make a strong one weak on a miss only.

Staff (anyone with a session), the admin, and anything but a 200 answer to a GET or HEAD are never
cached. When the cache cannot be reached, pages are served uncached and the failure is logged.
"""

import gzip
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.text import compress_string

from core.generation import current_generation

logger = logging.getLogger("gmg_portal.page_cache")

PAGE_HEADER = "X-Page-Cache"


def page_key(address, token):
    return f"pages:{token}:{hashlib.sha256(address.encode()).hexdigest()}"


def is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(f"/{settings.ADMIN_URL}")
    )


def is_cacheable_response(response):
    directives = {d.strip().lower().split("=")[0] for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not directives & {"private", "no-cache", "no-store"}
        and not response.has_header("Content-Encoding")
    )


def accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


def etag(response):
    return f'W/"{hashlib.sha256(response.content).hexdigest()[:32]}"'


def tagged(request, response):
    """A page that could be stored, with its ETag, or a 304 where the request already has it."""
    if not is_cacheable_response(response):
        return response
    response["ETag"] = etag(response)
    return unchanged(request, response)


def unchanged(request, response):
    """A 304 instead when the request's If-None-Match names the page's ETag (Django's rules for conditional GET)."""
    answer = get_conditional_response(request, etag=response["ETag"], response=response)
    if answer is not response and PAGE_HEADER in response:
        answer[PAGE_HEADER] = response[PAGE_HEADER]
    return answer


class PageCacheMiddleware:
    """Serves a stored page before any other work; stores each cacheable page once per generation.

    A page is stored compressed only: a hit sends it as it is to the browsers that accept gzip (all of
    them), and decompresses it for the rest; stored pages are then five to ten times smaller, and so
    is what a hit reads from Redis.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        if settings.PAGE_CACHE_SECONDS <= 0:  # the cache turned off: pages still carry their ETag
            return tagged(request, self.get_response(request))
        address = request.build_absolute_uri()  # outside the try: a host not allowed is a 400, not a cache fault
        try:
            token, seconds_left = current_generation(timezone.now())
            key = page_key(address, token)
            stored = cache.get(key)
        except DatabaseError:  # the database is out of reach: the page itself answers that (a 503)
            return self.get_response(request)
        except Exception:
            logger.exception("page cache unavailable; serving %s uncached", request.path)
            return tagged(request, self.get_response(request))
        if stored is not None:
            return unchanged(request, self.stored_response(request, stored))

        response = self.get_response(request)
        if is_cacheable_response(response):
            patch_vary_headers(response, ("Accept-Encoding",))
            response["ETag"] = etag(response)
            stored = {
                "status": response.status_code,
                "headers": [(name, value) for name, value in response.items() if name.lower() != "content-length"],
                "gzip": compress_string(response.content),
            }
            try:
                cache.set(key, stored, max(1, int(seconds_left)))
            except Exception:
                logger.exception("could not store %s in the page cache", request.path)
            response[PAGE_HEADER] = "miss"
            return unchanged(request, response)
        return response

    def stored_response(self, request, stored):
        compressed = accepts_gzip(request)
        response = HttpResponse(
            stored["gzip"] if compressed else gzip.decompress(stored["gzip"]), status=stored["status"]
        )
        for name, value in stored["headers"]:
            response[name] = value
        if compressed:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        response[PAGE_HEADER] = "hit"
        return response
