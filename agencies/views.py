from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.pages import PageMixin, PreviewMixin

from .models import Agency

LATEST = 10  # events on a member's page; the filtered event lists have the rest


class AgencyListView(PageMixin, ListView):
    template_name = "agencies/agency_list.html"
    context_object_name = "agencies"
    page_title = _("Members")
    page_description = _(
        "The member agencies of the Global Migration Group, what each does on migration, and former members."
    )
    section = "members"

    def get_queryset(self):
        return Agency.objects.published().current_members().prefetch_related("constituents")

    def get_context_data(self, **kwargs):
        former = Agency.objects.published().former_members().prefetch_related("constituents")
        return super().get_context_data(former_members=former, **kwargs)


class AgencyDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "agencies/agency_detail.html"
    context_object_name = "agency"
    section = "members"

    def get_queryset(self):
        return Agency.objects.published().prefetch_related("constituents")

    def get_page_title(self):
        return self.object.name

    def get_page_description(self):
        return self.object.summary

    def get_context_data(self, **kwargs):
        agency = self.object
        return super().get_context_data(
            latest=LATEST,
            chairmanships=agency.chairmanships.published(),
            organised_events=agency.organised_events.published().newest_first().for_listing()[:LATEST],
            participated_events=agency.participated_events.published().newest_first().for_listing()[:LATEST],
            topics=agency.topics.published(),
            documents=agency.documents.published().newest_first()[:LATEST],
            citations=agency.citations.select_related("source__document"),
            **kwargs,
        )
