"""Development settings: the default for manage.py. Never used in production."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key-never-used-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
# A developer editing a template sees it at once: no page cache unless asked for.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0"))
# Static files straight from static/ and node_modules/ (no collectstatic in development), and an edited
# stylesheet shows at the next request, with debug off as well: WhiteNoise ties both to DEBUG by default,
# so DJANGO_DEBUG=0 used to leave every page unstyled, each CSS file answering 404.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
