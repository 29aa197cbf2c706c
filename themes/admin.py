from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from core.csv_admin import CsvExportMixin
from core.publishing_admin import PublishingAdmin, PublishingInlineMixin, inline_for
from core.translation import columns

from .models import Chairmanship, Topic, terms_overlap
from .resources import ChairmanshipResource
from .views import ChairmanshipDetailView, TopicDetailView


class TopicPositionForm(forms.ModelForm):
    """A row of the topics list, whose position box is named after its topic: Django labels none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].widget.attrs["aria-label"] = _("Position of %(topic)s") % {"topic": self.instance}


@admin.register(Topic)
class TopicAdmin(PublishingAdmin):
    preview_view = TopicDetailView
    list_display = ["name", "position", "agency_count", "status"]
    list_editable = ["position"]
    list_filter = ["status", "agencies"]
    search_fields = columns("name", "description")
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["agencies"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agency_total=Count("agencies", distinct=True))

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, **{"form": TopicPositionForm, **kwargs})

    @admin.display(description=gettext_lazy("member agencies"), ordering="agency_total")
    def agency_count(self, topic):
        return topic.agency_total


@admin.register(Chairmanship)
class ChairmanshipAdmin(CsvExportMixin, PublishingAdmin):
    preview_view = ChairmanshipDetailView
    resource_classes = [ChairmanshipResource]
    # The term in one column, to leave the list room beside the menu and the filters at 1280 px.
    list_display = ["theme_title", "agency", "term", "is_current", "status"]
    list_filter = ["status", "agency", "topics"]
    list_select_related = ["agency"]
    search_fields = [*columns("theme_title", "theme_description"), "agency__name_en", "agency__acronym"]
    prepopulated_fields = {"slug": ["theme_title_en"]}
    autocomplete_fields = ["agency", "topics"]
    date_hierarchy = "starts_on"
    fieldsets = [
        (None, {"fields": ["agency", "starts_on", "ends_on", "status", "publish_from"]}),
        (gettext_lazy("Theme"), {"fields": ["theme_title", "slug", "theme_summary", "theme_description", "topics"]}),
    ]

    @admin.display(description=gettext_lazy("term"), ordering="starts_on")
    def term(self, chairmanship):
        # Translators: a term as chair, from its first month to its last ("Jan 2026 – Jun 2026").
        return _("%(start)s – %(end)s") % {
            "start": date_format(chairmanship.starts_on, "M Y"),
            "end": date_format(chairmanship.ends_on, "M Y"),
        }

    @admin.display(description=gettext_lazy("current"), boolean=True)
    def is_current(self, chairmanship):
        return chairmanship.is_current


class ChairmanshipFormSet(BaseInlineFormSet):
    """Terms entered together on one page must not overlap each other either."""

    def clean(self):
        super().clean()
        terms = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("starts_on")
            and form.cleaned_data.get("ends_on")
        ]
        for index, term in enumerate(terms):
            for other in terms[index + 1 :]:
                if terms_overlap((term["starts_on"], term["ends_on"]), (other["starts_on"], other["ends_on"])):
                    raise ValidationError(
                        _("The terms starting %(first)s and %(second)s overlap: two terms never overlap.")
                        % {"first": term["starts_on"].isoformat(), "second": other["starts_on"].isoformat()}
                    )


@inline_for(Agency)  # a member's page lists its terms as chair (see inline_for)
class ChairmanshipInline(PublishingInlineMixin, admin.StackedInline):
    model = Chairmanship
    formset = ChairmanshipFormSet
    extra = 0
    show_change_link = True
    prepopulated_fields = {"slug": ["theme_title_en"]}
    autocomplete_fields = ["topics"]
    # In English here; the term's own page has its texts in every language.
    fields = [
        "starts_on",
        "ends_on",
        "theme_title_en",
        "slug",
        "theme_summary_en",
        "theme_description_en",
        "topics",
        "status",
    ]
