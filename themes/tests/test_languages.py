"""Topics and chairmanships in six languages: each text in each language, English where one is missing, marked as
English; the admin, the history and the CSV carry every language."""

import csv
import io
import re

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from testing import inline_management, term_change_form
from themes.models import Chairmanship, Topic
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db


def page(address):
    response = Client().get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def test_a_topic_reads_in_the_page_s_language_and_in_marked_english_where_it_has_none():
    topic = TopicFactory(
        name_en="Forced migration",
        name_fr="Migrations forcées",
        description_en="People **forced** to move.",
        slug="forced-migration",
    )
    assert topic.get_absolute_url() == "/en/topics/forced-migration/"  # one slug, whatever the language
    assert "<h1>Forced migration</h1>" in page("/en/topics/forced-migration/")
    french = page("/fr/topics/forced-migration/")
    assert "<h1>Migrations forcées</h1>" in french
    assert "<title>Migrations forcées · " in french
    # The description has no French yet: English, marked as such for screen readers, Markdown rendered.
    assert '<div lang="en" dir="ltr"><p>People <strong>forced</strong> to move.</p></div>' in french
    arabic = page("/ar/topics/forced-migration/")
    assert '<h1><span lang="en" dir="ltr">Forced migration</span></h1>' in arabic
    assert "<title>Forced migration · " in arabic  # no mark inside <title> or an attribute
    assert 'content="Forced migration"' in arabic and '<span lang="en" dir="ltr">Forced migration</span>"' not in arabic


def test_a_term_s_theme_follows_the_language_in_lists_and_on_its_page():
    term = ChairmanshipFactory(theme_title_en="Youth and migration", theme_title_es="Juventud y migración")
    assert "Juventud y migración" in page("/es/chairmanships/")
    assert "Juventud y migración" in page(f"/es/chairmanships/{term.slug}/")
    russian = page(f"/ru/chairmanships/{term.slug}/")
    assert '<h1><span lang="en" dir="ltr">Youth and migration</span></h1>' in russian


def test_a_translated_text_is_written_by_its_language_s_column_only():
    topic = TopicFactory()
    with pytest.raises(AttributeError, match="name_en, name_fr"):
        topic.name = "Which language?"


def test_empty_translations_never_collide_and_written_ones_are_unique():
    TopicFactory(name_en="Data", slug="data")
    TopicFactory(name_en="Labour", slug="labour")  # both without French, Arabic…: no collision
    TopicFactory(name_en="Health", slug="health", name_fr="Santé")
    twin = TopicFactory.build(name_en="Health care", slug="health-care", name_fr="Santé")
    with pytest.raises(Exception) as refused:
        twin.full_clean()
    assert "name_fr" in str(refused.value)
    with pytest.raises(IntegrityError, match="name_fr"), transaction.atomic():
        Topic.objects.create(name_en="Health care", slug="health-care", name_fr="Santé")


def test_the_admin_groups_each_language_and_marks_its_boxes(staff_client):
    topic = TopicFactory(name_en="Forced migration")
    form = staff_client.get(reverse("admin:themes_topic_change", args=[topic.pk])).content.decode()
    for code, direction in [("fr", "ltr"), ("ar", "rtl"), ("zh_hans", "ltr")]:
        language = code.replace("_", "-")
        assert re.search(rf'<input[^>]*name="name_{code}"[^>]*>', form), code
        box = re.search(rf'<input[^>]*name="name_{code}"[^>]*>', form).group(0)
        assert f'lang="{language}"' in box and f'dir="{direction}"' in box
    assert "<summary>" in form and "العربية (ar)" in form  # a folded section per language, no script
    # Each box its own name, in the staff member's language: "Name" is the English one's alone.
    assert re.search(r'<label[^>]*for="id_name_fr"[^>]*>Name \(French\):</label>', form)
    assert re.search(r'<label[^>]*for="id_name_en"[^>]*>Name:</label>', form)


def test_the_list_filter_finds_what_is_missing_a_translation(staff_client):
    TopicFactory(name_en="Data", name_fr="Données", slug="data")
    TopicFactory(name_en="Labour", slug="labour")
    changelist = reverse("admin:themes_topic_changelist")
    missing_french = staff_client.get(changelist, {"missing_translation": "fr"})
    assert [topic.slug for topic in missing_french.context["cl"].result_list] == ["labour"]
    missing_arabic = staff_client.get(changelist, {"missing_translation": "ar"})
    assert sorted(topic.slug for topic in missing_arabic.context["cl"].result_list) == ["data", "labour"]
    assert "missing a translation in" in staff_client.get(changelist).content.decode()


def test_a_revert_from_the_history_brings_back_a_french_theme(staff_client):
    term = ChairmanshipFactory(theme_title_fr="Jeunesse et migration", status="draft")
    url = reverse("admin:themes_chairmanship_change", args=[term.pk])
    unchanged = {**term_change_form(term), **inline_management("events"), "status": "draft"}
    saved = staff_client.post(url, {**unchanged, "theme_title_fr": "Jeunes"})
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    term.refresh_from_db()
    assert term.theme_title_fr == "Jeunes"
    first = term.history.earliest()
    revert = reverse("admin:themes_chairmanship_simple_history", args=[term.pk, first.history_id])
    form = staff_client.get(revert).content.decode()
    assert re.search(r'name="theme_title_fr"[^>]*value="Jeunesse et migration"', form)
    reverted = staff_client.post(revert, {**unchanged, "theme_title_fr": "Jeunesse et migration"})
    assert reverted.status_code == 302, reverted.context and reverted.context["errors"]
    assert Chairmanship.objects.get(pk=term.pk).theme_title_fr == "Jeunesse et migration"


def test_the_csv_export_has_a_column_per_language_and_opens_in_a_spreadsheet(staff_client):
    ChairmanshipFactory(
        slug="unicef-2011-01",
        theme_title_en="Youth",
        theme_title_ar="الشباب والهجرة",
        theme_title_zh_hans="青年与移民",
    )
    form = staff_client.get(reverse("admin:themes_chairmanship_export")).context["form"]
    fields = {name: "on" for name in form.fields if name.startswith("chairmanshipresource_")}
    response = staff_client.post(reverse("admin:themes_chairmanship_export"), {"format": "0", **fields})
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark: a spreadsheet reads UTF-8
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0]["theme_title_ar"] == "الشباب والهجرة" and rows[0]["theme_title_zh_hans"] == "青年与移民"
    assert {f"theme_title_{code}" for code in ["en", "fr", "es", "ar", "zh_hans", "ru"]} <= set(rows[0])


def test_the_admin_front_page_counts_what_misses_a_translation_in_each_language(staff_client):
    TopicFactory(name_en="Data", name_fr="Données", slug="data")
    TopicFactory(name_en="Labour", slug="labour")
    page = staff_client.get(reverse("admin:index")).content.decode()
    table = re.search(r'<section class="module translation-counts".*?</section>', page, re.S).group(0)
    topics = re.search(r'<tr>\s*<th scope="row"><a href="/admin/themes/topic/">Topics</a></th>(.*?)</tr>', table, re.S)
    cells = re.findall(r"<td>(.*?)</td>", topics.group(1), re.S)
    assert cells[0] == "2"
    # The languages in the switcher's order after English: Arabic, Chinese, French, Russian, Spanish.
    assert cells[3] == '<a href="/admin/themes/topic/?missing_translation=fr">1</a>'
    assert cells[1] == '<a href="/admin/themes/topic/?missing_translation=ar">2</a>'
