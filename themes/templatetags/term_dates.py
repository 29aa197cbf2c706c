from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def term_dates(term):
    """{% term_dates term as dates %}: a term's dates as themes/includes/term_dates.html shows them, held in a
    variable so that a translated sentence can place them where its language puts them."""
    return render_to_string("themes/includes/term_dates.html", {"term": term})
