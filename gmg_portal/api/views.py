"""The public read-only API: each endpoint lists and gives by slug what the public may see of one kind of record,
by the same `published()` rules as the pages, each with one named queryset whose query count a test pins."""

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import override
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import viewsets
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation

from agencies.models import Agency
from events.models import Event
from publications.filters import DocumentFilter
from publications.models import Citation, Document, Source
from themes.models import Chairmanship, Topic

from . import serializers
from .filters import EventAPIFilter
from .schema import SLUG  # and so BoundedFilters, the filters' bounds, registered with drf-spectacular

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "additionalProperties": False,
}
ERRORS = {
    400: OpenApiResponse(
        {
            "type": "object",
            "description": "Each parameter in error, with what is wrong with it.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "minProperties": 1,
        },
        description="A parameter that is not known here, or a bad value: the error names it.",
    ),
    404: OpenApiResponse(DETAIL, description="No such public record, or no such page of the list."),
    414: OpenApiResponse(description="An address longer than the web server takes (its own answer, not JSON)."),
    429: OpenApiResponse(
        DETAIL,
        description="Too many requests from this address: try again after Retry-After seconds.",
    ),
}


def documented(kind, serializer, order, key="slug"):
    """The view set's serializer, and its two operations with every answer they may give."""

    def document(view_set):
        view_set.serializer_class = serializer
        return extend_schema_view(
            list=extend_schema(summary=f"List the {kind}, {order}", responses={200: serializer(many=True), **ERRORS}),
            retrieve=extend_schema(summary=f"One of the {kind}, by its {key}", responses={200: serializer, **ERRORS}),
        )(view_set)

    return document


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None  # "Not found.", not "No Agency matches the given query."

    def finalize_response(self, request, response, *args, **kwargs):
        """An answer any cache may keep for API_MAX_AGE seconds (the page cache keeps it until the content
        changes, a client or proxy that long at most), readable from any site: CorsMiddleware says so only to a
        request with an Origin, and a proxy's cache could give the answer to one without it to any other."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_MAX_AGE)
        response["Access-Control-Allow-Origin"] = "*"
        return response


@documented("members of the Group, current and former", serializers.AgencySerializer, "by English name")
class AgencyViewSet(PublicViewSet):
    def get_queryset(self):
        return (
            Agency.objects.published()
            .prefetch_related("constituents")
            .prefetch_published("topics")
            .order_by("name_en", "pk")
        )


@documented("chairmanships", serializers.ChairmanshipSerializer, "earliest first")
class ChairmanshipViewSet(PublicViewSet):
    def get_queryset(self):
        return Chairmanship.objects.published().for_listing().prefetch_published("topics").order_by("starts_on", "pk")


@documented("topics", serializers.TopicSerializer, "in the site's order")
class TopicViewSet(PublicViewSet):
    def get_queryset(self):
        return Topic.objects.published().prefetch_published("agencies").order_by("position", "name_en", "pk")


@documented("events", serializers.EventSerializer, "earliest first; upcoming soonest first, past latest first")
class EventViewSet(PublicViewSet):
    filterset_class = EventAPIFilter

    def get_queryset(self):
        return Event.objects.published().for_page().order_by("starts_at", "pk")


@documented("statements and publications", serializers.DocumentSerializer, "newest first")
class DocumentViewSet(PublicViewSet):
    filterset_class = DocumentFilter

    def get_queryset(self):
        return Document.objects.published().for_page().order_by("-issued_on", "-pk")


@documented("sources the public records cite", serializers.SourceSerializer, "by author", key="key")
class SourceViewSet(PublicViewSet):
    lookup_field = "key"

    def get_queryset(self):
        cited = Citation.objects.public().values("source")
        return Source.objects.filter(pk__in=cited).select_related("document").order_by("authors", "year", "title", "pk")


@extend_schema(exclude=True)
class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, always in English: its address has no language (each path has it as a parameter)."""

    content_negotiation_class = DefaultContentNegotiation  # YAML, or JSON with ?format=json

    def dispatch(self, request, *args, **kwargs):
        with override("en"):
            response = super().dispatch(request, *args, **kwargs)
            response.render()
        return response


@extend_schema(exclude=True)
@api_view(["GET", "HEAD"])
@permission_classes([])
@throttle_classes([])
def not_found(request, rest=""):
    """Every other address under the API's: a JSON 404, as the endpoints answer."""
    raise NotFound()
