from django.views.generic import TemplateView

from agencies.models import Agency, GroupProfile


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            group=GroupProfile.objects.published().first(),
            members=Agency.objects.published().current_members(),
            **kwargs,
        )
