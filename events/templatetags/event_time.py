from django import template
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext

register = template.Library()


def day_labels(first, last):
    """ "1–2 December 2011", "30 November – 2 December 2011", or two full dates across years, in the language's
    formats. A language that writes the day after the month and year ("2011年12月1日") always gets two full dates."""
    full = date_format(last, "DATE_FORMAT")
    if first == last:
        return full, ""
    if get_format("DATE_FORMAT").startswith("j"):
        if (first.year, first.month) == (last.year, last.month):
            return date_format(first, "j"), full
        if first.year == last.year and get_format("MONTH_DAY_FORMAT").startswith("j"):
            return date_format(first, "MONTH_DAY_FORMAT"), full
    return date_format(first, "DATE_FORMAT"), full


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
        "start_label": date_format(start, "DATETIME_FORMAT"),
        "end": "",
        "end_label": "",
        "zone": event.timezone,
    }
    if end:
        same_day = end.date() == start.date()
        end_label = date_format(end, "TIME_FORMAT" if same_day else "DATETIME_FORMAT")
        context.update(end=end.isoformat(), end_label=end_label)
    return context


def when_text(event):
    """The same as event_when, as plain text (for feeds)."""
    parts = event_when(event)
    text = parts["start_label"] + (f"–{parts['end_label']}" if parts["end"] else "")
    if parts.get("zone"):
        # Translators: an event's time in its feed item, e.g. "10 June 2027, 09:30–12:00 (local time, Europe/Zurich)".
        return gettext("%(when)s (local time, %(zone)s)") % {"when": text, "zone": parts["zone"]}
    return text
