from django import template

from core import review

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue(context):
    """The admin front page's queue for the staff member signed in (core.review)."""
    return review.review_queue(context["request"])
