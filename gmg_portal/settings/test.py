"""Settings for the test suite: the database still comes from DATABASE_URL (SQLite when unset)."""

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PAGE_CACHE_SECONDS = 600  # as in production: the tests go through the page cache
API_RATE = "1000000/minute"  # gmg_portal/tests/test_api.py sets its own to see the limit
NEW_PAGE_RATE = "1000000/minute"  # gmg_portal/tests/test_crawl_limit.py sets its own
