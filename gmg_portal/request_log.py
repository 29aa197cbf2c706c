"""One structured log line per request, with its timing, and a request id on every line logged meanwhile.

The id is the reverse proxy's X-Request-ID when it sends one (so the proxy's log and ours can be
joined), else a new one; it is sent back in the response, so a visitor reporting an error page can
quote it. Query strings are left out of the log: search words are the visitors' own business.
"""

import contextvars
import logging
import re
import time
import uuid

from django.db import connections

logger = logging.getLogger("gmg_portal.request")
request_id_var = contextvars.ContextVar("request_id", default=None)
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if SAFE_REQUEST_ID.match(given) else uuid.uuid4().hex
        # Left set after the response: Django logs a 4xx or 5xx (django.request) once this middleware is done.
        request_id_var.set(request_id)
        counter = QueryCounter()
        started = time.perf_counter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        self.log(request, response, started, counter)
        return response

    def log(self, request, response, started, counter):
        user = getattr(request, "user", None)
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.WARNING if status >= 400 and status != 404 else logging.INFO
        logger.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "queries": counter.count,
                "bytes": None if response.streaming else len(response.content),
                "page_cache": response.get("X-Page-Cache", "bypass"),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
