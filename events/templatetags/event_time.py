from django import template
from django.utils.dateformat import format as format_date

register = template.Library()


def day_labels(first, last):
    """ "1–2 December 2011", "30 November – 2 December 2011", or two full dates across years."""
    if first == last:
        return format_date(first, "j F Y"), ""
    if (first.year, first.month) == (last.year, last.month):
        return format_date(first, "j"), format_date(last, "j F Y")
    if first.year == last.year:
        return format_date(first, "j F"), format_date(last, "j F Y")
    return format_date(first, "j F Y"), format_date(last, "j F Y")


@register.inclusion_tag("events/includes/when.html")
def event_when(event):
    """When an event takes place, as its venue sees it, with machine-readable <time> elements."""
    if event.all_day:
        first, last = event.start_date, event.end_date
        start_label, end_label = day_labels(first, last)
        return {
            "start": first.isoformat(),
            "start_label": start_label,
            "end": last.isoformat() if end_label else "",
            "end_label": end_label,
        }
    start, end = event.local_start, event.local_end
    context = {
        "start": start.isoformat(),
        "start_label": format_date(start, "j F Y, H:i"),
        "end": "",
        "end_label": "",
        "zone": event.timezone,
    }
    if end:
        same_day = end.date() == start.date()
        context.update(end=end.isoformat(), end_label=format_date(end, "H:i" if same_day else "j F Y, H:i"))
    return context


def when_text(event):
    """The same as event_when, as plain text (for feeds)."""
    parts = event_when(event)
    text = parts["start_label"] + (f"–{parts['end_label']}" if parts["end"] else "")
    return f"{text} (local time, {parts['zone']})" if parts.get("zone") else text
