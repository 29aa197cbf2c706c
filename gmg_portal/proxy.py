"""The visitor's address, behind the reverse proxies the portal runs behind (DJANGO_PROXY_COUNT of them).

Each proxy appends the address it was reached from to X-Forwarded-For, or, as deploy/nginx.conf does,
replaces the header with it; either way the visitor is the entry that many places from the right.
Entries further left were written by the visitor and are not believed.
"""

from django.conf import settings


def client_ip(request):
    if settings.PROXY_COUNT:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= settings.PROXY_COUNT:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")
