"""remembered() and remembered_piece(): a value computed once a generation, and never kept past its end or when
there is no generation."""

import pytest

from core import generation
from core.generation import end_generation, remembered, remembered_piece


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def test_computed_once_in_a_generation_and_again_after_its_end(db):
    compute = Counter()
    assert [remembered("test.counter", compute) for _ in range(3)] == [1, 1, 1]
    end_generation()  # what any save of content does
    assert remembered("test.counter", compute) == 2
    assert remembered("test.other", compute) == 3  # each key its own value
    assert remembered("test.counter", compute) == 2


def test_never_kept_with_the_cache_turned_off(settings, db):
    settings.PAGE_CACHE_SECONDS = 0
    compute = Counter()
    assert [remembered("test.counter", compute) for _ in range(3)] == [1, 2, 3]


@pytest.mark.usefixtures("cache_out_of_reach")
def test_never_kept_when_the_cache_is_out_of_reach(db):
    """With no shared generation, this process cannot know of another server's save: nothing is kept."""
    compute = Counter()
    assert [remembered("test.counter", compute) for _ in range(3)] == [1, 2, 3]


def test_a_piece_is_made_once_a_generation_and_only_the_last_ones_used_are_kept(db, monkeypatch):
    """One of many records' pieces (an event's card), kept while among those used last."""
    monkeypatch.setattr(generation.pieces, "limit", 2)
    compute = Counter()
    assert [remembered_piece(key, compute) for key in ("a", "b", "a", "b")] == [1, 2, 1, 2]
    assert remembered_piece("c", compute) == 3  # "a", used least lately, makes room
    assert remembered_piece("b", compute) == 2
    assert remembered_piece("a", compute) == 4
    end_generation()
    assert remembered_piece("b", compute) == 5


def test_no_piece_is_kept_with_the_cache_turned_off(settings, db):
    settings.PAGE_CACHE_SECONDS = 0
    compute = Counter()
    assert [remembered_piece("a", compute) for _ in range(3)] == [1, 2, 3]
