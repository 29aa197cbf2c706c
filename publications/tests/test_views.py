"""The public pages of documents and their downloads: only what is public, each page at a pinned query count."""

import io
import json
import re
from datetime import UTC, date, datetime

import feedparser
import pytest
from django.urls import reverse
from PIL import Image

from agencies.tests.factories import AgencyFactory
from core.publishing import Status
from events.tests.factories import EventFactory
from themes.tests.factories import ChairmanshipFactory, TopicFactory

from .factories import DocumentFactory, DocumentFileFactory, pdf_upload

pytestmark = pytest.mark.django_db
LIST_URL = reverse("publications:list")


def test_the_list_and_page_show_public_documents_only(client):
    public = DocumentFactory(title="Joint statement on the human rights of migrants", kind="joint-statement")
    DocumentFactory(title="A draft report", status=Status.DRAFT)
    page = client.get(LIST_URL).content.decode()
    assert public.title in page and "A draft report" not in page
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(reverse("publications:detail", args=["report-draft"])).status_code == 404


def test_a_draft_leaks_through_no_page_list_feed_sitemap_search_or_download(client):
    draft = DocumentFileFactory(document__status=Status.DRAFT, document__title="Unreleased statement")
    assert client.get(draft.document.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_cover_url()).status_code == 404
    address = draft.document.get_absolute_url()
    for url in ["/", LIST_URL, "/sitemap.xml", "/en/publications/feeds/new.rss", "/en/publications/feeds/new.atom"]:
        page = client.get(url).content.decode()
        assert "Unreleased statement" not in page and address not in page, url
    page = client.get(reverse("search"), {"q": "Unreleased"}).content.decode()
    assert "Unreleased statement" not in page and address not in page


def test_a_public_file_downloads_as_a_pdf_with_its_size_and_pages_beside_its_link(client):
    stored = DocumentFileFactory(document__title="Migration and Climate Change", document__slug="climate")
    page = client.get(stored.document.get_absolute_url()).content.decode()
    assert f'href="{stored.get_absolute_url()}"' in page and "(English, PDF)" in page and "1 page" in page
    response = client.get(stored.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="climate-en.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("publications:download", args=["climate", "fr"])).status_code == 404


def test_in_production_the_web_server_sends_the_checked_file(client, settings):
    settings.DOCUMENTS_ACCEL_REDIRECT = "/protected-documents/"
    stored = DocumentFileFactory()
    response = client.get(stored.get_absolute_url())
    assert response["X-Accel-Redirect"] == f"/protected-documents/{stored.file.name}"
    assert response.content == b""


def test_the_page_names_authors_topics_and_leaves_out_those_not_public(client):
    document = DocumentFactory(by_the_group=False)
    document.authors.set([AgencyFactory(acronym="UNESCO"), AgencyFactory(acronym="HIDDEN", status=Status.DRAFT)])
    document.topics.set([TopicFactory(name="Migration and Climate Change"), TopicFactory(name="Draft", status="draft")])
    page = client.get(document.get_absolute_url()).content.decode()
    assert "UNESCO" in page and "HIDDEN" not in page
    assert "Migration and Climate Change" in page and ">Draft<" not in page


def make(count):
    for _ in range(count):
        document = DocumentFactory(by_the_group=False)
        document.authors.set([AgencyFactory(), AgencyFactory()])
        document.topics.set([TopicFactory()])


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_costs_the_same_queries_whatever_the_number_of_documents(
    client, settings, django_assert_num_queries, count
):
    settings.PAGE_CACHE_SECONDS = 0  # the page's own work
    make(count)
    # the filter form's topics and members, the count, the documents, their authors
    with django_assert_num_queries(5):
        assert client.get(LIST_URL).status_code == 200


@pytest.mark.parametrize("authors", [1, 8])
def test_a_documents_page_costs_the_same_queries_whatever_it_names(
    client, settings, django_assert_num_queries, authors
):
    settings.PAGE_CACHE_SECONDS = 0
    document = DocumentFactory(by_the_group=False)
    document.authors.set([AgencyFactory() for _ in range(authors)])
    document.topics.set([TopicFactory() for _ in range(authors)])
    DocumentFileFactory(document=document)
    # the document with its chairmanship and event, its authors, topics, files, sources and the records citing it
    with django_assert_num_queries(6):
        assert client.get(document.get_absolute_url()).status_code == 200


def test_a_word_inside_a_pdf_finds_its_document_in_the_site_search_and_a_draft_stays_hidden(client):
    found = DocumentFileFactory(document__title="Joint statement", document__summary="")
    found.file.delete(save=False)  # the text is what was read at upload, not the file on disk
    DocumentFileFactory(document__title="Unpublished report", document__status=Status.DRAFT)
    DocumentFileFactory(document=found.document, language="fr", file=pdf_upload("Les migrations climatiques"))
    page = client.get(reverse("search"), {"q": "climatiques"}).content.decode()
    assert "Joint statement" in page and "Statements and publications" in page
    page = client.get(reverse("search"), {"q": "Unpublished"}).content.decode()
    assert "Unpublished report" not in page


def test_the_list_filters_by_kind_year_topic_member_and_language(client):
    topic, unesco = TopicFactory(slug="climate"), AgencyFactory(slug="unesco")
    book = DocumentFactory(title="Migration and Climate Change", kind="book", by_the_group=False)
    book.topics.set([topic])
    book.authors.set([unesco])
    DocumentFileFactory(document=book, language="fr")
    other = DocumentFactory(title="A fact sheet", kind="fact-sheet")
    DocumentFileFactory(document=other, language="en")
    for query in [{"kind": "book"}, {"topic": "climate"}, {"member": "unesco"}, {"language": "fr"}, {"q": "climate"}]:
        page = client.get(LIST_URL, query).content.decode()
        assert "Migration and Climate Change" in page and "A fact sheet" not in page, query
    assert client.get(LIST_URL, {"year": "2010"}).context["paginator"].count == 2  # both are of September 2010
    assert client.get(LIST_URL, {"year": "2011"}).context["paginator"].count == 0


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "99999"}, {"kind": "poem"}, {"language": "xx"}])
def test_a_bad_filter_is_a_form_error_not_a_crash(client, query):
    DocumentFactory()
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert "Please correct the filters" in response.content.decode()


@pytest.mark.parametrize(("url", "version"), [("publications:feed-rss", "rss20"), ("publications:feed-atom", "atom10")])
def test_the_feeds_parse_newest_first_with_authors_and_no_draft(client, url, version):
    older = DocumentFactory(title="Older statement", summary="**Human rights** of all migrants.")
    newer = DocumentFactory(title="Newer report", by_the_group=False)
    newer.authors.set([AgencyFactory(acronym="UNESCO")])
    DocumentFactory(title="Draft", status=Status.DRAFT)
    older.published_at, newer.published_at = datetime(2010, 9, 1, tzinfo=UTC), datetime(2011, 7, 1, tzinfo=UTC)
    older.save(update_fields=["published_at"])
    newer.save(update_fields=["published_at"])
    feed = feedparser.parse(client.get(reverse(url)).content)
    assert not feed.bozo and feed.version == version
    assert [entry.title for entry in feed.entries] == ["Newer report", "Older statement"]
    assert [entry.author for entry in feed.entries] == ["UNESCO", "Global Migration Group"]
    assert "<strong>Human rights</strong>" in feed.entries[1].summary and "**" not in feed.entries[1].summary


def test_the_page_carries_schema_org_data_at_the_precision_known(client):
    book = DocumentFactory(
        kind="book",
        title="Migration and Climate Change",
        issued_on=date(2011, 1, 1),
        issued_precision="year",
        by_the_group=False,
        publisher="UNESCO / Cambridge University Press",
        summary="A book on *climate* and [migration](https://example.org).",
    )
    book.authors.set([AgencyFactory(acronym="UNESCO")])
    DocumentFileFactory(document=book, language="en")
    page = client.get(book.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Book" and data["datePublished"] == "2011"
    assert data["author"] == [{"@type": "Organization", "name": "UNESCO"}]
    assert data["publisher"]["name"] == "UNESCO / Cambridge University Press"
    assert data["inLanguage"] == ["en"]
    assert data["description"] == "A book on climate and migration."  # words, not Markdown
    assert '<meta name="description" content="A book on climate and migration.">' in page


def test_member_topic_chairmanship_and_event_pages_list_their_public_documents(client):
    agency, topic, term, event = (
        AgencyFactory(),
        TopicFactory(),
        ChairmanshipFactory(),
        EventFactory(status=Status.PUBLISHED),
    )
    document = DocumentFactory(title="A joint statement", chairmanship=term, event=event)
    document.authors.set([agency])
    document.topics.set([topic])
    draft = DocumentFactory(title="A draft note", status=Status.DRAFT, chairmanship=term, event=event)
    draft.authors.set([agency])
    draft.topics.set([topic])
    for record in (agency, topic, term, event, None):
        page = client.get(record.get_absolute_url() if record else "/en/").content.decode()
        assert "A joint statement" in page and "A draft note" not in page, record


def test_the_first_page_is_the_cover_and_a_drafts_cover_is_a_404(client):
    stored = DocumentFileFactory(document__slug="climate")
    assert stored.cover.name.endswith(".png")
    page = client.get(stored.document.get_absolute_url()).content.decode()
    assert f'<img class="gmg-cover" src="{stored.get_cover_url()}"' in page
    response = client.get(stored.get_cover_url())
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert image.format == "PNG" and image.width == 400  # a US Letter page, 612 points wide, at 400 pixels
    draft = DocumentFileFactory(document__status=Status.DRAFT)
    assert client.get(draft.get_cover_url()).status_code == 404


def test_without_a_file_the_page_shows_a_typographic_card(client):
    document = DocumentFactory(title="Joint statement on the human rights of migrants", kind="joint-statement")
    page = client.get(document.get_absolute_url()).content.decode()
    assert (
        '<div class="gmg-cover gmg-cover-card" aria-hidden="true"><span class="gmg-cover-kind">Joint statement' in page
    )
    assert client.get(reverse("publications:cover", args=[document.slug, "en"])).status_code == 404


def test_the_seeds_documents_are_found_by_the_search_as_loaded(client, seeded):
    # loaddata's raw saves skip Document.save(): the search vector is written on PostgreSQL all the same
    page = client.get(reverse("search"), {"q": "climate change"}).content.decode()
    assert 'href="/en/publications/migration-and-climate-change-2011/"' in page
    page = client.get(reverse("search"), {"q": "joint statement principals"}).content.decode()
    assert 'href="/en/publications/gmg-principals-joint-statement-2010-09/"' in page
