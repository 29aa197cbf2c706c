"""Whole public pages for anonymous visitors, kept in the shared cache until the content changes.

Pages are stored under the content's current *generation* (core/generation.py), which any change of what
the public sees ends, on every app server within a second. So a cached page is never staler than the database.
Each process also keeps the pages it served last in its own memory, for the same generation only.

One page, one address: parameters no page reads (campaign tags and the like) are taken off a public request,
and the others put in order, before the page is looked up or built. Addresses with a query string (searches,
filter combinations) are stored up to a bound per generation, so made-up ones cannot fill the cache. A public page
tells a cache in front (nginx, a CDN) that it may keep it for PAGE_SHARED_MAX_AGE seconds.

Every stored page carries an ETag made from its uncompressed body before it is stored, so a hit and a miss give
the same one, and a request whose If-None-Match names it gets a 304 either way. It is a weak ETag (W/"…"): the
same page is sent gzipped or not, and GZipMiddleware, above, would make a strong one weak on a miss only.

Staff (anyone with a session), the admin, and anything but a 200 answer to a GET or HEAD are never
cached. When the cache cannot be reached, pages are served uncached and the failure is logged.
"""

import gzip
import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.text import compress_string

from core.generation import Recent, current_generation

logger = logging.getLogger("gmg_portal.page_cache")

PAGE_HEADER = "X-Page-Cache"
# Parameters no page reads, which links from elsewhere add: campaign tags (utm_source…), advertisers' click ids,
# and the "_" some scripts add to dodge caches. The page cache takes them off the request before any page sees
# it (so none shows them again, in a link or a calendar's address), and addresses that differ by them alone share
# one stored page.
IGNORED_PARAMETERS = frozenset({"_", "dclid", "fbclid", "gclid", "igshid", "mc_cid", "mc_eid", "msclkid", "yclid"})
IGNORED_PREFIXES = ("utm_",)


# The pages this process served last, kept in its memory as well for the current generation only (forgotten as it
# ends), so that the hottest pages are served without reading Redis: at most LOCAL_PAGES, the least recently
# served dropped first. A page is kept here only once it is in the shared cache, so no page is served here that
# the shared cache would not serve.
LOCAL_PAGES = 256
local_pages = Recent(LOCAL_PAGES)


def page_key(address, token):
    return f"pages:{token}:{hashlib.sha256(address.encode()).hexdigest()}"


def is_ignored(name):
    return name in IGNORED_PARAMETERS or name.startswith(IGNORED_PREFIXES)


def one_address(request):
    """Rewrite the request's query string as the page cache keys it: without the ignored parameters, and the
    others in the order of their names (each name's values in their own order), so that ?b=1&a=2 and ?a=2&b=1 are
    one address, and one page."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    # Read as Django reads it (WSGI's bytes, as UTF-8), and written back percent-encoded.
    pairs = [(name, value) for name, values in request.GET.lists() if not is_ignored(name) for value in values]
    written = urlencode(sorted(pairs, key=lambda pair: pair[0]))
    if written != query:
        request.META["QUERY_STRING"] = written
        request.GET = QueryDict(written)


def room_for(address, token, seconds_left):
    """Whether the page may be stored: always for an address without a query string (there are as many as there
    are records, and a made-up one is a 404, never stored), and for the first PAGE_CACHE_MAX_QUERY_PAGES with one
    in a generation (searches and filter combinations are without end: a crawler or an attacker walking them
    cannot fill the shared cache past that, PAGE_CACHE_MAX_QUERY_PAGES times the size of a stored page)."""
    if "?" not in address:
        return True
    counter = f"pages:{token}:with-query"
    cache.add(counter, 0, max(1, int(seconds_left)))
    return cache.incr(counter) <= settings.PAGE_CACHE_MAX_QUERY_PAGES


def is_public_read(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(f"/{settings.ADMIN_URL}")


def is_cacheable_request(request):
    return is_public_read(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES


def is_cacheable_response(response):
    directives = {d.strip().lower().split("=")[0] for d in cc_delim_re.split(response.get("Cache-Control", "")) if d}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not directives & {"private", "no-cache", "no-store"}
        and not response.has_header("Content-Encoding")
    )


def shared(response, seconds_left):
    """A public page, which a cache in front of the app servers (nginx's proxy_cache, a CDN) may keep for
    PAGE_SHARED_MAX_AGE seconds (s-maxage), and never past the end of the generation; a browser asks again each
    time (max-age=0, unless the answer set its own: the API's), with the ETag, for a 304."""
    seconds = min(settings.PAGE_SHARED_MAX_AGE, int(seconds_left))
    if seconds > 0:
        if get_max_age(response) is None:
            patch_cache_control(response, max_age=0)
        patch_cache_control(response, public=True, s_maxage=seconds)
    return response


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
        if is_public_read(request):  # staff too: a page reads the same parameters whoever asks
            one_address(request)
        if not is_cacheable_request(request):
            return self.get_response(request)
        if settings.PAGE_CACHE_SECONDS <= 0:  # the cache turned off: pages still carry their ETag
            return tagged(request, self.get_response(request))
        address = request.build_absolute_uri()  # outside the try: a host not allowed is a 400, not a cache fault
        try:
            token, seconds_left = current_generation(timezone.now())
            key = page_key(address, token)
            stored = local_pages.get(key, token)
            if stored is None:
                stored = cache.get(key)
                if stored is not None:
                    local_pages.keep(key, token, stored)
        except DatabaseError:  # the database is out of reach: the page itself answers that (a 503)
            return self.get_response(request)
        except Exception:
            logger.exception("page cache unavailable; serving %s uncached", request.path)
            return tagged(request, self.get_response(request))
        if stored is not None:
            return unchanged(request, shared(self.stored_response(request, stored), seconds_left))

        response = self.get_response(request)
        if is_cacheable_response(response):
            patch_vary_headers(response, ("Accept-Encoding",))
            response["ETag"] = etag(response)
            stored = {
                "status": response.status_code,
                "headers": [(name, value) for name, value in response.items() if name.lower() != "content-length"],
                "gzip": compress_string(response.content),
            }
            response[PAGE_HEADER] = "miss"
            try:
                if room_for(address, token, seconds_left):
                    cache.set(key, stored, max(1, int(seconds_left)))
                    local_pages.keep(key, token, stored)
                else:
                    response[PAGE_HEADER] = "miss, full"
            except Exception:
                logger.exception("could not store %s in the page cache", request.path)
            return unchanged(request, shared(response, seconds_left))
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
