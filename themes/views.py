from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from core.pages import PageMixin, PreviewMixin

from .models import Chairmanship, Topic

LATEST = 10  # events on a term's or a topic's page; the filtered event lists have the rest


class ChairmanshipListView(PageMixin, ListView):
    template_name = "themes/chairmanship_list.html"
    context_object_name = "chairmanships"
    paginate_by = 50
    page_title = _("Chairmanships")
    page_description = _("Every term of the Group's rotating chairmanship, newest first, with its chair and theme.")
    section = "chairmanships"

    def get_queryset(self):
        return Chairmanship.objects.published().for_listing()


class ChairmanshipDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "themes/chairmanship_detail.html"
    context_object_name = "chairmanship"
    section = "chairmanships"

    def get_queryset(self):
        return Chairmanship.objects.published().for_listing().prefetch_published("topics")

    def get_page_title(self):
        # Translators: a page title: a chairmanship's theme, then the agency that chaired the Group.
        return gettext("%(theme)s (%(agency)s chairmanship)") % {
            "theme": self.object.theme_title,
            "agency": self.object.agency.short_name,
        }

    def get_page_description(self):
        return self.object.theme_summary or self.object.theme_description

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=LATEST,
            events=self.object.events.published().newest_first().for_listing()[:LATEST],
            documents=self.object.documents.published().newest_first()[:LATEST],
            citations=self.object.citations.select_related("source__document"),
            **kwargs,
        )


class TopicListView(PageMixin, ListView):
    template_name = "themes/topic_list.html"
    context_object_name = "topics"
    page_title = _("Topics")
    page_description = _("The topics the Global Migration Group works on, with the member agencies that cover each.")
    section = "topics"

    def get_queryset(self):
        return Topic.objects.published()


class TopicDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "themes/topic_detail.html"
    context_object_name = "topic"
    section = "topics"

    def get_queryset(self):
        return Topic.objects.published()

    def get_page_description(self):
        return self.object.description or gettext(
            "%(topic)s: the member agencies and events of the Global Migration Group on this topic."
        ) % {"topic": self.object.name}

    def get_context_data(self, **kwargs):
        topic = self.object
        return super().get_context_data(
            latest=LATEST,
            agencies=topic.agencies.published(),
            events=topic.events.published().newest_first().for_listing()[:LATEST],
            chairmanships=topic.chairmanships.published().for_listing(),
            documents=topic.documents.published().newest_first()[:LATEST],
            citations=topic.citations.select_related("source__document"),
            **kwargs,
        )
