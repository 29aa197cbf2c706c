import re

from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found
from django.views.generic import TemplateView

from agencies.models import Agency, GroupProfile
from core.pages import DEFAULT_DESCRIPTION, GROUP_NAME, PageMixin, json_ld
from core.translation import active_language, plain
from events.models import Event
from publications.models import Citation, Document
from themes.models import Chairmanship, Topic

from .request_log import request_id_var
from .search import SearchForm, search_everything

HOME_EVENTS = 3
HOME_DOCUMENTS = 3


class HomeView(PageMixin, TemplateView):
    template_name = "home.html"

    def structured_data(self, members):
        """schema.org data of the site: the Group as an Organization with its current members, and the WebSite
        with its search (a SearchAction), for search engines."""
        home = self.request.build_absolute_uri(reverse("home"))
        group = {
            "@type": "Organization",
            "@id": f"{home}#group",
            "name": str(GROUP_NAME),
            "alternateName": "GMG",
            "url": home,
            "description": str(DEFAULT_DESCRIPTION),
            "member": [
                {
                    "@type": "Organization",
                    "name": plain(member.name),
                    "url": self.request.build_absolute_uri(member.get_absolute_url()),
                }
                for member in members
            ],
        }
        site = {
            "@type": "WebSite",
            "name": str(_("GMG Portal")),
            "url": home,
            "inLanguage": get_language(),
            "publisher": {"@id": group["@id"]},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": self.request.build_absolute_uri(reverse("search")) + "?q={search_term_string}",
                },
                "query-input": "required name=search_term_string",
            },
        }
        return json_ld({"@context": "https://schema.org", "@graph": [group, site]})

    def get_context_data(self, **kwargs):
        current_term = Chairmanship.objects.published().current().for_listing().first()
        group = GroupProfile.objects.published().first()
        members = Agency.objects.published().current_members()
        return super().get_context_data(
            structured_data=self.structured_data(members),
            group=group,
            group_citations=Citation.objects.filter(group_profile=group).select_related("source__document"),
            current_term=current_term,
            last_term=None if current_term else Chairmanship.objects.published().ended().for_listing().first(),
            next_events=Event.objects.published().upcoming().soonest_first().for_listing()[:HOME_EVENTS],
            latest_events=Event.objects.published().past().newest_first().for_listing()[:HOME_EVENTS],
            members=members,
            topics=Topic.objects.published(),
            latest_documents=Document.objects.published().newest_first()[:HOME_DOCUMENTS],
            **kwargs,
        )


class SearchView(PageMixin, TemplateView):
    template_name = "search.html"
    page_title = _("Search")
    page_description = _(
        "Search the members, chairmanships, topics, events and publications of the Global Migration Group."
    )

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        results = search_everything(form.cleaned_data["q"], active_language()) if form.is_valid() else []
        return super().get_context_data(
            form=form,
            results=results,
            found_any=any(items for _, items in results),
            search_query=form.cleaned_data["q"] if results else "",
            **kwargs,
        )


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # The admin is not named here: its address may be kept private (DJANGO_ADMIN_URL), and its pages say noindex.
    lines = ["User-agent: *", "Disallow: /search/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# An address under the API's, in a language or not: the answer is JSON, as the API's own are.
API_PATH = re.compile(r"^/([^/]+/)?api/")


def not_found(request, exception):
    """Django's 404 page; for an address under the API's that no route answers (an unknown language, say), the
    API's JSON 404."""
    if API_PATH.match(request.path_info):
        return JsonResponse({"detail": str(_("Not found."))}, status=404)
    return page_not_found(request, exception)


@requires_csrf_token
def server_error(request):
    """Django's 500 view, plus the request's id: a visitor who reports the error can quote it, and the
    log line with the traceback carries the same id."""
    page = loader.get_template("500.html").render({"request_id": request_id_var.get()})
    return HttpResponseServerError(page)
