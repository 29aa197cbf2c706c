from django.views.generic import DetailView

from .models import Chairmanship, Topic


class ChairmanshipDetailView(DetailView):
    template_name = "themes/chairmanship_detail.html"
    context_object_name = "chairmanship"

    def get_queryset(self):
        return Chairmanship.objects.published().select_related("agency")


class TopicDetailView(DetailView):
    template_name = "themes/topic_detail.html"
    context_object_name = "topic"

    def get_queryset(self):
        return Topic.objects.published()
