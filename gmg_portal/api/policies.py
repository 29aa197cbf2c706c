"""How the API answers, whatever the endpoint: JSON only, pages of bounded size, a rate per client address, and
answers any cache may keep for a minute. Named in settings.REST_FRAMEWORK."""

import logging

from django.conf import settings
from django.utils.translation import gettext
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle

from gmg_portal.proxy import client_ip

logger = logging.getLogger("gmg_portal.api")
MAX_PAGE = 100_000


class JSONOnly(BaseContentNegotiation):
    """JSON whatever the Accept header says: an answer depends on its address alone, as the page cache keys it."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class Pages(PageNumberPagination):
    """`page` (from 1) and `page_size` (1 to API_MAX_PAGE_SIZE); either out of bounds is a 400 naming it, and a
    page past the last a 404."""

    page_size_query_param = "page_size"

    @property
    def page_size(self):
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        return self.bounded(request, self.page_size_query_param, self.page_size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        number = self.bounded(request, self.page_query_param, 1, MAX_PAGE)
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        if number > max(paginator.num_pages, 1):
            raise NotFound(gettext("There is no page %(number)s of this list.") % {"number": number})
        self.page = paginator.page(number)
        return list(self.page)

    def bounded(self, request, name, default, largest):
        text = request.query_params.get(name)
        if text is None:
            return default
        # written as a number is written: "01" would be another address for page 1
        if not (text.isascii() and text.isdigit() and text == str(int(text)) and 1 <= int(text) <= largest):
            raise ValidationError(
                {name: [gettext("Give a whole number from 1 to %(largest)s.") % {"largest": largest}]}
            )
        return int(text)

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["count", "next", "previous", "results"]
        return answer

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.page_query_param: MAX_PAGE, self.page_size_query_param: self.max_page_size}
        for parameter in parameters:
            parameter["schema"].update(minimum=1, maximum=bounds[parameter["name"]])
        return parameters


class PerClientAddress(AnonRateThrottle):
    """settings.API_RATE requests per client address, the address the portal reads behind its proxies
    (gmg_portal.proxy): a visitor cannot reset the count by forging X-Forwarded-For. Only answers the page cache
    does not hold are counted, since a stored answer is served before the API is reached."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request, view):
        """The counts live in the shared cache: with it out of reach, the API answers uncounted (as pages are
        served uncached), and says so in the log."""
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.exception("the API's rate limit cannot be read; answering %s uncounted", request.path)
            return True
