"""When the database is out of reach, visitors get a friendly 503 page, not a 500, and the portal
recovers by itself when it returns (connections are health-checked before reuse)."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.template.response import TemplateResponse

logger = logging.getLogger("gmg_portal.outage")
RETRY_AFTER_SECONDS = 30


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)) or not database_unreachable(exception):
            return None
        logger.error("database unreachable while serving %s: %s", request.path, exception)
        response = TemplateResponse(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response.render()


def database_unreachable(exception):
    """An error of the connection itself, rather than of a query (a lock timeout, say, is not an outage)."""
    from django.db import connection

    try:
        connection.close_if_unusable_or_obsolete()
        connection.ensure_connection()
    except DatabaseError:
        return True
    return False
