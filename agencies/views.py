from django.views.generic import DetailView, ListView

from .models import Agency


class AgencyListView(ListView):
    template_name = "agencies/agency_list.html"
    context_object_name = "agencies"

    def get_queryset(self):
        return Agency.objects.published().current_members()


class AgencyDetailView(DetailView):
    template_name = "agencies/agency_detail.html"
    context_object_name = "agency"

    def get_queryset(self):
        return Agency.objects.published().prefetch_related("constituents")
