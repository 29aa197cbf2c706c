"""What the API says of each public record: the same texts as its page, in the address's language (English where
a text is not yet translated), with links to its page.

Every related record is given only when the public may see it: the querysets (views.py) prefetch only published
ones, and a to-one relation to a record that is not public reads as null.
"""

from datetime import UTC

from django.db import models
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencies.models import Agency, Constituent
from core.templatetags.rich_text import render
from events.models import Event
from publications.models import Document, DocumentFile, Source
from themes.models import Chairmanship, Topic


def absolute(request, path):
    return request.build_absolute_uri(path) if path else None


@extend_schema_field({"type": "string", "format": "uri"})
class PageAddress(serializers.Field):
    """The record's public page, in the address's language."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return absolute(self.context["request"], record.get_absolute_url())


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "markdown": {"type": "string", "description": "The text as its editor wrote it, in Markdown."},
            "html": {"type": "string", "description": "The text as the page shows it: sanitised HTML."},
        },
        "required": ["markdown", "html"],
    }
)
class RichText(serializers.Field):
    """A text written in Markdown: its source and the sanitised HTML the page shows."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, text):
        return {"markdown": str(text), "html": render(text)}


@extend_schema_field({"type": "string", "format": "date-time", "example": "2011-11-15T09:00:00+00:00"})
class Instant(serializers.Field):
    """A moment in UTC, with its offset (+00:00)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, moment):
        return moment.astimezone(UTC).isoformat()


class Reference(serializers.Serializer):
    """Another public record, named and linked."""

    slug = serializers.SlugField(read_only=True)
    name = serializers.SerializerMethodField()
    url = PageAddress()

    def get_name(self, record) -> str:
        return str(record)


class PublicReference(Reference):
    """A to-one relation: null unless the record it names is public."""

    def to_representation(self, record):
        return super().to_representation(record) if record.is_published else None


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class WebAddress(serializers.URLField):
    """A web address the record may not have: null then, not an empty string that is no address."""

    def to_representation(self, value):
        return value or None


# Every field read-only: the API writes nothing, and a read-only field carries no bounds of the database's own (a
# PositiveSmallIntegerField's largest value is not the same on SQLite and PostgreSQL), so that the schema is the
# same whichever database generates it. A web address a record may leave blank is null when it does. (A comment,
# not a docstring: drf-spectacular would give it as the description of every record below.)
class PublicSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping, models.URLField: WebAddress}

    def get_extra_kwargs(self):
        extra = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra


class ConstituentSerializer(PublicSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Constituent
        fields = ["acronym", "name", "alternative_names", "is_representative"]


class AgencySerializer(PublicSerializer):
    name = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    account = RichText()
    is_current_member = serializers.BooleanField(read_only=True)
    logo = serializers.SerializerMethodField()
    logo_alt = serializers.CharField(read_only=True)
    constituents = ConstituentSerializer(many=True, read_only=True)
    topics = Reference(many=True, read_only=True)
    url = PageAddress()

    class Meta:
        model = Agency
        fields = [
            "slug",
            "name",
            "acronym",
            "short_name",
            "alternative_names",
            "kind",
            "joined_on",
            "joined_precision",
            "left_on",
            "is_current_member",
            "summary",
            "account",
            "website",
            "logo",
            "logo_alt",
            "constituents",
            "topics",
            "url",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_logo(self, agency):
        return absolute(self.context["request"], agency.logo.url) if agency.logo else None


class TopicSerializer(PublicSerializer):
    name = serializers.CharField(read_only=True)
    description = RichText()
    agencies = Reference(many=True, read_only=True)
    url = PageAddress()

    class Meta:
        model = Topic
        fields = ["slug", "name", "position", "description", "agencies", "url"]


class ChairmanshipSerializer(PublicSerializer):
    agency = Reference(read_only=True)
    is_current = serializers.BooleanField(read_only=True)
    theme_title = serializers.CharField(read_only=True)
    theme_summary = serializers.CharField(read_only=True)
    theme_description = RichText()
    topics = Reference(many=True, read_only=True)
    url = PageAddress()

    class Meta:
        model = Chairmanship
        fields = [
            "slug",
            "agency",
            "starts_on",
            "ends_on",
            "is_current",
            "theme_title",
            "theme_summary",
            "theme_description",
            "topics",
            "url",
        ]


class EventSerializer(PublicSerializer):
    title = serializers.CharField(read_only=True)
    starts_at = Instant()
    ends_at = Instant(allow_null=True)
    timezone = serializers.CharField(read_only=True, help_text="The venue's time zone (IANA name).")
    start_date = serializers.DateField(read_only=True, help_text="The first day at the venue.")
    end_date = serializers.DateField(read_only=True, help_text="The last day at the venue.")
    venue = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True)
    place = serializers.CharField(read_only=True)
    organiser = PublicReference(read_only=True, allow_null=True)
    organiser_name = serializers.CharField(
        source="public_organiser", read_only=True, help_text="The organiser as the page names it."
    )
    chairmanship = PublicReference(read_only=True, allow_null=True)
    series = PublicReference(read_only=True, allow_null=True)
    participants = Reference(many=True, read_only=True)
    topics = Reference(many=True, read_only=True)
    description = RichText()
    url = PageAddress()
    calendar = serializers.SerializerMethodField(help_text="The event's iCalendar file.")

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "cancelled",
            "starts_at",
            "ends_at",
            "timezone",
            "all_day",
            "start_date",
            "end_date",
            "venue",
            "city",
            "country",
            "place",
            "organiser",
            "organiser_name",
            "chairmanship",
            "series",
            "participants",
            "topics",
            "description",
            "external_url",
            "uid",
            "sequence",
            "url",
            "calendar",
        ]

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_calendar(self, event):
        return absolute(self.context["request"], reverse("events:event-calendar", kwargs={"slug": event.slug}))


class DocumentFileSerializer(PublicSerializer):
    url = PageAddress()

    class Meta:
        model = DocumentFile
        fields = ["language", "size", "pages", "url"]


class DocumentSerializer(PublicSerializer):
    title = serializers.CharField(read_only=True)
    summary = RichText()
    authors = Reference(many=True, read_only=True)
    topics = Reference(many=True, read_only=True)
    chairmanship = PublicReference(read_only=True, allow_null=True)
    event = PublicReference(read_only=True, allow_null=True)
    files = DocumentFileSerializer(many=True, read_only=True)
    url = PageAddress()

    class Meta:
        model = Document
        fields = [
            "slug",
            "title",
            "kind",
            "issued_on",
            "issued_precision",
            "summary",
            "by_the_group",
            "publisher",
            "isbn",
            "doi",
            "external_url",
            "authors",
            "topics",
            "chairmanship",
            "event",
            "files",
            "url",
        ]


class SourceSerializer(PublicSerializer):
    citation = serializers.CharField(source="citation_text", read_only=True, help_text="As a reference list gives it.")
    address = WebAddress(source="url", read_only=True, help_text="Where the work can be read, if online.")
    document = PublicReference(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = [
            "key",
            "authors",
            "title",
            "publication",
            "volume",
            "pages",
            "publisher",
            "year",
            "address",
            "consulted_on",
            "document",
            "citation",
        ]
