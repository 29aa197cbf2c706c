from django.views.generic import DetailView

from .models import Event


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().select_related("organiser")
