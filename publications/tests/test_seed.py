"""The seed's statements, publication and sources, as the article gives them and where it attaches them."""

import pytest

from publications.models import Citation, Document

pytestmark = pytest.mark.django_db


def test_the_seed_holds_the_articles_two_statements_and_its_book(seeded):
    assert {(document.kind, document.date_display, document.title) for document in Document.objects.all()} == {
        ("joint-statement", "September 2010", "Joint statement of the GMG Principals, September 2010"),
        ("joint-statement", "15 November 2011", "Joint Statement of the GMG Principals' Meeting, 15 November 2011"),
        ("book", "2011", "Migration and Climate Change"),
    }
    book = Document.objects.get(kind="book")
    assert (book.publisher, list(book.authors.all()), book.by_the_group) == (
        "UNESCO / Cambridge University Press",
        [],
        False,
    )
    assert (
        Document.objects.get(issued_on__year=2011, kind="joint-statement").event.slug == "gmg-principals-meeting-2011"
    )


def test_the_seed_attaches_the_articles_six_references_where_the_article_does(seeded):
    attached = {(citation.source.key, str(citation.record)) for citation in Citation.objects.select_related("source")}
    assert {key for key, _ in attached} == {
        "newland-2010",
        "gmg-website",
        "migration-and-climate-change-2011",
        "principals-meeting-2011",
        "gfmd-concluding-debate-2011",
        "gmg-symposium-2011",
    }
    records = {}
    for key, record in attached:
        records.setdefault(key, set()).add(record)
    assert records["newland-2010"] == {"Global Migration Group"}
    assert len(records["gmg-website"]) == 2  # both 2011 chairmanships
    assert records["principals-meeting-2011"] == {"GMG Principals' Meeting"}


def test_the_pages_show_the_sources_numbered(client, seeded):
    home = client.get("/en/").content.decode()
    assert "Newland, K. (2010) ‘The governance of international migration" in home
    term = client.get("/en/chairmanships/unesco-2011-07/").content.decode()
    assert term.count('<li id="source-') == 2
    assert '<a href="/en/publications/migration-and-climate-change-2011/">On this portal</a>' in term
