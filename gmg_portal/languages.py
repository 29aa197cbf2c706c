"""The portal's six languages: the language is in every public address, never only in a header.

A public page's language comes from its address alone (`/fr/events/`), so the page cache, keyed by address,
can never give one visitor's language to another. Only an address without a language (`/`, or an address
from before the portal had languages) looks at the visitor: it redirects to the same page in the language
their browser asks for (Accept-Language, English by default), with a Vary that says so. The admin, which
has no language in its addresses, follows the staff member's browser.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.translation import separator


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware; an answer chosen from the visitor's headers says it varies on both that can
    choose (the Accept-Language header, and Django's language cookie, which the portal itself never sets)."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not translation.get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def path_in_language(request, code):
    """This page's address in another language (code None: without one, which redirects to the visitor's), or
    None where the address has no language (the admin)."""
    current = translation.get_language_from_path(request.path_info)
    if current is None:
        return None
    rest = request.path_info[len(current) + 2 :]
    return f"{get_script_prefix()}{code}/{rest}" if code else f"{get_script_prefix()}{rest}"


def languages(request):
    """Template context: the page's language and its address in each of the six (the switcher, hreflang)."""
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code, name in settings.LANGUAGES:
        path = path_in_language(request, code)
        if path is None:
            return {"language_links": [], "comma": separator()}
        alternates.append(
            {
                "code": code,
                "name": name,
                "path": path,
                # The switcher keeps the visitor's search or filters; hreflang and canonical name the page itself.
                "link": f"{path}?{query}" if query else path,
                "current": code == current,
                "dir": "rtl" if translation.get_language_info(code)["bidi"] else "ltr",
            }
        )
    # x-default, as the sitemap says it too: the address without a language, which picks the visitor's.
    return {
        "language_links": alternates,
        "language_default_path": path_in_language(request, None),
        "comma": separator(),  # between the items of a list, in the page's language
    }
