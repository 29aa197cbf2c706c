import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from core.references import KeptModelChoiceFilter
from core.search import containing, word_search_fields
from core.translation import active_language
from core.widgets import QuickSelect
from events.filters import WholeNumberFilter
from events.models import FIRST_YEAR, LAST_YEAR
from themes.models import Topic

from .models import Document, DocumentKind, Language


class DocumentFilter(django_filters.FilterSet):
    """The filters of the documents' list. Every value is bounded: anything else is a form error, never a crash."""

    q = django_filters.CharFilter(
        label=_("Words"), method="filter_words", max_length=100, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    year = WholeNumberFilter(label=_("Year"), field_name="issued_on__year", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = django_filters.ChoiceFilter(
        widget=QuickSelect(remember="publications.kind"),
        label=_("Kind"),
        choices=DocumentKind.choices,
        empty_label=_("Any kind"),
    )
    topic = KeptModelChoiceFilter(
        widget=QuickSelect(remember="publications.topic"),
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        empty_label=_("Any topic"),
        queryset=lambda request: Topic.objects.published(),
    )
    member = KeptModelChoiceFilter(
        widget=QuickSelect(remember="publications.member"),
        label=_("By the member"),
        field_name="authors",
        to_field_name="slug",
        empty_label=_("Any member"),
        queryset=lambda request: Agency.objects.published(),
    )
    language = django_filters.ChoiceFilter(
        widget=QuickSelect(remember="publications.language"),
        label=_("Language"),
        field_name="files__language",
        choices=Language.choices,
        empty_label=_("Any language"),
        distinct=True,
    )

    class Meta:
        model = Document
        fields = ["q", "year", "kind", "topic", "member", "language"]

    def filter_words(self, queryset, name, value):
        return containing(queryset, word_search_fields(Document, active_language()), value).distinct()
