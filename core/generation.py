"""The content's *generation*: what the public sees is the same from one change of it to the next.

Any save or delete of a record of the portal's content apps ends the generation at once and again when its
transaction commits (the second time so that nothing read before the commit survives it), on every app server
together, since the generation lives in the shared cache: each process looks it up again at least every second,
so an edit made through one app server shows through the others within a second. A generation also ends by
itself at the next moment when a page would change with no save: a scheduled publication, an event starting or
ending, or midnight (membership and chairmanships change by date).

Whatever is kept under a generation (whole pages, gmg_portal/page_cache.py; lists computed once for many pages,
remembered() below) is therefore never staler than the database. With the cache off (PAGE_CACHE_SECONDS=0) or
out of reach there is no generation, and nothing is kept.
"""

import logging
import threading
import time as clock
import uuid
from collections import OrderedDict
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .publishing import next_public_change

logger = logging.getLogger("gmg_portal.page_cache")

GENERATION_KEY = "pages:generation"
CONTENT_APPS = {"agencies", "themes", "events", "publications"}
RECHECK_SECONDS = 1.0
# This process's last look at the generation: (generation, monotonic time of the look).
last_seen = None
# Set when ending a generation failed (the cache out of reach): tried again before this process next uses it.
end_pending = False


def end_generation():
    """End the current generation. The cache being out of reach must not stop an editor's save: then the end is
    tried again before this process next serves a page, and every page expires by age (PAGE_CACHE_SECONDS) anyway."""
    global last_seen, end_pending
    last_seen = None
    try:
        cache.delete(GENERATION_KEY)
        end_pending = False
    except Exception:
        end_pending = True
        logger.exception("could not end the page cache generation; will try again")


def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        end_generation()
        transaction.on_commit(end_generation)


def current_generation(now):
    """(token, seconds left): the generation pages are stored under, started here if none is current."""
    global last_seen
    if end_pending:
        end_generation()
        if end_pending:
            raise ConnectionError("the page cache is still out of reach")
    seen = last_seen
    if seen is not None and clock.monotonic() - seen[1] < RECHECK_SECONDS and seen[0]["until"] > now:
        generation = seen[0]
    else:
        generation = cache.get(GENERATION_KEY)
        if generation is None or generation["until"] <= now:
            until = min(next_public_change(now), now + timedelta(seconds=settings.PAGE_CACHE_SECONDS))
            generation = {"token": uuid.uuid4().hex, "until": until}
            cache.set(GENERATION_KEY, generation, max(1, int((until - now).total_seconds())))
        last_seen = (generation, clock.monotonic())
    return generation["token"], (generation["until"] - now).total_seconds()


# What remembered() keeps in this process: {key: (generation token, value)}, one value per key.
kept = {}
kept_lock = threading.Lock()


def generation_token():
    """The current generation's token, or None with no generation (the cache off or out of reach)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return None
    try:
        return current_generation(timezone.now())[0]
    except Exception:  # the page cache logs it, once for the request
        return None


def remembered(key, compute):
    """compute(), kept in this process for the rest of the current generation under `key` (which names
    everything the value depends on besides the content: the language, say). Each key keeps one value, of the
    generation it was computed in, so what is kept is bounded by the keys a program uses. With no generation
    (the cache off or out of reach) it is computed every time."""
    token = generation_token()
    if token is not None:
        found = kept.get(key)
        if found is not None and found[0] == token:
            return found[1]
    value = compute()
    if token is not None:
        with kept_lock:
            kept[key] = (token, value)
    return value


class Recent:
    """Values of one generation that this process used last: at most `limit`, the least recently used dropped
    first, and all dropped when the generation ends."""

    def __init__(self, limit):
        self.limit = limit
        self.values = OrderedDict()
        self.token = None
        self.lock = threading.Lock()

    def get(self, key, token):
        with self.lock:
            if token != self.token:
                self.values.clear()
                self.token = token
            found = self.values.get(key)
            if found is not None:
                self.values.move_to_end(key)
            return found

    def keep(self, key, token, value):
        with self.lock:
            if token == self.token:
                self.values[key] = value
                if len(self.values) > self.limit:
                    self.values.popitem(last=False)


# Pieces of pages, one per record and language: an event's card.
pieces = Recent(5000)


def remembered_piece(key, compute):
    """compute(), kept like remembered() for one of many records (an event's card in one language), among the
    pieces this process used last: a piece used on many pages is made once a generation, and memory stays bounded
    whatever the number of records."""
    token = generation_token()
    if token is None:
        return compute()
    found = pieces.get(key, token)
    if found is None:
        found = compute()
        pieces.keep(key, token, found)
    return found
