"""Sources: a citation attaches one to one record of any kind, with what it supports; pages number them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from agencies.tests.factories import AgencyFactory
from events.tests.factories import EventFactory
from publications.models import Citation, Source
from themes.tests.factories import ChairmanshipFactory, TopicFactory

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db

NEWLAND = {
    "key": "newland-2010",
    "authors": "Newland, K.",
    "year": 2010,
    "title": "The governance of international migration: mechanisms, processes and institutions",
    "publication": "Global Governance",
    "volume": "16 (3)",
    "pages": "331–344",
}


def test_a_source_is_cited_as_a_reference_list_cites_it():
    assert Source(**NEWLAND).citation_text == (
        "Newland, K. (2010) ‘The governance of international migration: mechanisms, processes and institutions’, "
        "Global Governance, 16 (3), pp. 331–344."
    )
    assert Source(key="gmg-website", title="GMG Website").citation_text == "GMG Website."


def test_a_citation_is_attached_to_exactly_one_record():
    source = Source.objects.create(**NEWLAND)
    for records in [{}, {"agency": AgencyFactory(), "topic": TopicFactory()}]:
        citation = Citation(source=source, **records)
        with pytest.raises(ValidationError):
            citation.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            citation.save()


def test_each_kind_of_page_numbers_its_sources_under_its_text_and_links_a_public_document(client):
    book = DocumentFactory(title="Migration and Climate Change")
    source = Source.objects.create(
        key="unesco-2011",
        title="Migration and Climate Change",
        publisher="UNESCO / Cambridge University Press",
        year=2011,
        document=book,
    )
    other = Source.objects.create(**NEWLAND)
    records = {
        "agency": AgencyFactory(),
        "topic": TopicFactory(),
        "chairmanship": ChairmanshipFactory(),
        "event": EventFactory(status="published"),
        "document": DocumentFactory(),
    }
    for field, record in records.items():
        Citation.objects.create(source=other, position=2, supports="Its second claim.", **{field: record})
        Citation.objects.create(source=source, position=1, supports="Its first claim.", **{field: record})
        page = client.get(record.get_absolute_url()).content.decode()
        assert '<h2 id="sources-heading" class="h5">Sources</h2>' in page, field
        first, second = page.index('id="source-1"'), page.index('id="source-2"')
        assert page.index("Migration and Climate Change (2011), UNESCO", first) < second < page.index("Newland", second)
        assert f'<a href="{book.get_absolute_url()}">On this portal</a>' in page
        assert "For: Its first claim." in page


def test_a_documents_page_lists_the_public_records_that_cite_it():
    book = DocumentFactory(title="Migration and Climate Change")
    source = Source.objects.create(key="unesco-2011", title="Migration and Climate Change", year=2011, document=book)
    term = ChairmanshipFactory(agency__acronym="UNESCO")
    draft_event = EventFactory(status="draft", title="A meeting not yet announced")
    hidden_chair = ChairmanshipFactory(agency__acronym="UNHCR", agency__status="draft")  # a term without its chair
    for record in (term, draft_event, hidden_chair):
        field = record._meta.model_name
        Citation.objects.create(source=source, supports="Its focus on the environment.", **{field: record})
    page = Client().get(book.get_absolute_url()).content.decode()
    cited = page[page.index('id="cited-heading"') : page.index("</section>", page.index('id="cited-heading"'))]
    assert f'<a href="{term.get_absolute_url()}">{term}</a>' in cited and "for: Its focus on the environment." in cited
    assert draft_event.get_absolute_url() not in cited and hidden_chair.get_absolute_url() not in cited


def test_only_publishers_attach_sources_to_records(client, staff):
    source = Source.objects.create(**NEWLAND)
    Citation.objects.create(source=source, agency=AgencyFactory(acronym="UNHCR"), supports="Its work.")
    url = reverse("admin:publications_source_change", args=[source.pk])
    staff("Editors")
    page = client.get(url).content.decode()
    assert "UNHCR" in page and 'name="citations-0-agency"' not in page  # shown, not editable
    staff("Publishers")
    assert 'name="citations-0-agency"' in client.get(url).content.decode()
