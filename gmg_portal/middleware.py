"""Site-wide answers that no view gives: the headers every response carries, static files included; a 400 for
input the admin cannot read; and, when the database is out of reach, a friendly 503 page, not a 500, the portal
recovering by itself when it returns (connections are health-checked before reuse)."""

import logging
import re

from django.conf import settings
from django.core.exceptions import BadRequest
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


class SecurityHeadersMiddleware:
    """What Django's SecurityMiddleware does not set. Placed above WhiteNoise, so that static files, which never
    reach the middleware below it (X-Frame-Options, CSP), carry these too, as error pages do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


# No address, search or filter of the admin needs a control character (a browser's search box cannot type one),
# and PostgreSQL refuses NUL in any string: a NUL in a filter answered 500. Text that staff post may carry tabs,
# line breaks and the vertical tabs and form feeds of text pasted from Word or a PDF, which the database keeps;
# only NUL is refused there (Django's own text fields refuse it too, as a form error).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The longest query-string value the admin reads: far beyond any search or filter that staff type, and well
# under the 8 KB request line that nginx accepts by default. A changelist's filters travel whole inside one value
# (_changelist_filters) to its change pages, so a search near this bound would be refused there.
LONGEST_QUERY_VALUE = 2000


class AdminInputGuardMiddleware:
    """One check of what the admin receives, before any of its views reads it: an address, a query string or a
    posted field it cannot read is answered 400, the same for every page of the admin (sign-in included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            refuse_unreadable_input(request)
        return self.get_response(request)


def refuse_unreadable_input(request):
    if CONTROL_CHARACTERS.search(request.path_info):
        raise BadRequest("The address holds a control character.")
    for key, values in request.GET.lists():
        for text in (key, *values):
            if CONTROL_CHARACTERS.search(text):
                raise BadRequest("The query string holds a control character.")
            if len(text) > LONGEST_QUERY_VALUE:
                raise BadRequest("A value of the query string is too long.")
    if request.method == "POST":
        for key, values in request.POST.lists():
            if any("\x00" in text for text in (key, *values)):
                raise BadRequest("A posted field holds a NUL character.")
