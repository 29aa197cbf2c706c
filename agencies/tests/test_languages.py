"""Members, their bodies and the Group's introduction in six languages: each text in each language, English where
one is missing, marked as English; the admin, the history and the CSV carry every language."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from agencies.models import Agency
from agencies.tests.factories import AgencyFactory, ConstituentFactory, GroupProfileFactory
from agencies.tests.test_logos import image_bytes
from testing import agency_change_form

pytestmark = pytest.mark.django_db


def page(address):
    response = Client().get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def test_a_member_reads_in_the_page_s_language_and_in_marked_english_where_it_has_none():
    AgencyFactory(
        slug="unhcr",
        acronym="",
        name_en="UN Refugee Agency",
        name_fr="Agence des Nations Unies pour les réfugiés",
        summary_en="Protects refugees.",
        account_en="Works with **refugees**.",
    )
    assert "<h1>UN Refugee Agency</h1>" in page("/en/members/unhcr/")
    french = page("/fr/members/unhcr/")
    assert "<h1>Agence des Nations Unies pour les réfugiés</h1>" in french
    assert "<title>Agence des Nations Unies pour les réfugiés · " in french
    # The account has no French yet: English, marked as such for screen readers, Markdown rendered.
    assert '<div lang="en" dir="ltr"><p>Works with <strong>refugees</strong>.</p></div>' in french
    arabic = page("/ar/members/unhcr/")
    assert '<h1><span lang="en" dir="ltr">UN Refugee Agency</span></h1>' in arabic
    assert "<title>UN Refugee Agency · " in arabic  # no mark inside <title> or an attribute
    assert 'content="Protects refugees."' in arabic
    assert '<p class="card-text"><span lang="en" dir="ltr">Protects refugees.</span></p>' in page("/ar/members/")


def test_a_logo_s_description_is_read_in_the_language_and_never_marked_inside_alt(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = AgencyFactory(slug="who", logo=SimpleUploadedFile("logo.png", image_bytes()), logo_alt_en="WHO logo")
    Agency.objects.filter(pk=agency.pk).update(logo_alt_es="Logotipo de la OMS")
    assert 'alt="Logotipo de la OMS"' in page("/es/members/who/")
    russian = page("/ru/members/who/")
    assert 'alt="WHO logo"' in russian and '<span lang="en" dir="ltr">WHO logo</span>' not in russian


def test_the_group_s_introduction_follows_the_language_on_the_home_page():
    GroupProfileFactory(name_en="Global Migration Group", name_es="Grupo Mundial sobre Migración", aims_en="Its aims.")
    spanish = page("/es/")
    assert "Grupo Mundial sobre Migración</h1>" in spanish
    assert '<p><span lang="en" dir="ltr">Its aims.</span></p>' in spanish


def test_a_translated_text_is_written_by_its_language_s_column_only():
    agency = AgencyFactory()
    with pytest.raises(AttributeError, match="summary_en, summary_fr"):
        agency.summary = "Which language?"
    body = ConstituentFactory(name="Economic Commission for Europe", name_ru="Европейская экономическая комиссия")
    assert body.name_en == "Economic Commission for Europe"


def test_empty_translations_never_collide_and_written_ones_are_unique():
    AgencyFactory(name_en="World Bank", slug="world-bank")
    AgencyFactory(name_en="World Health Organization", slug="who")  # both without French, Arabic…: no collision
    AgencyFactory(name_en="UN Women", slug="un-women", name_fr="ONU Femmes")
    twin = AgencyFactory.build(name_en="UN-Women", slug="un-women-2", name_fr="ONU Femmes")
    with pytest.raises(Exception) as refused:
        twin.full_clean()
    assert "name_fr" in str(refused.value)
    with pytest.raises(IntegrityError, match="name_fr"), transaction.atomic():
        AgencyFactory(name_en="UN-Women", slug="un-women-2", acronym="UNW2", name_fr="ONU Femmes")


def test_the_admin_groups_each_language_and_marks_its_boxes(staff_client):
    agency = AgencyFactory(name_en="World Health Organization")
    form = staff_client.get(reverse("admin:agencies_agency_change", args=[agency.pk])).content.decode()
    for code, direction in [("fr", "ltr"), ("ar", "rtl"), ("zh_hans", "ltr")]:
        language = code.replace("_", "-")
        for field in ("name", "summary", "account", "logo_alt"):
            box = re.search(rf'<(?:input|textarea)[^>]*name="{field}_{code}"[^>]*>', form)
            assert box, (field, code)
            assert f'lang="{language}"' in box.group(0) and f'dir="{direction}"' in box.group(0)
    assert 'name="constituents-__prefix__-name_en"' in form and "constituents-__prefix__-name_fr" not in form
    assert "<summary>" in form and "العربية (ar)" in form  # a folded section per language, no script
    body = ConstituentFactory()
    form = staff_client.get(reverse("admin:agencies_constituent_change", args=[body.pk])).content.decode()
    assert re.search(r'<input[^>]*name="name_ar"[^>]*dir="rtl"', form) or re.search(
        r'<input[^>]*dir="rtl"[^>]*name="name_ar"', form
    )
    group = GroupProfileFactory()
    form = staff_client.get(reverse("admin:agencies_groupprofile_change", args=[group.pk])).content.decode()
    assert 'name="introduction_zh_hans"' in form and 'name="gfmd_relation_ru"' in form
    assert 'name="founded_by"' in form and "founded_by_fr" not in form  # shown on no page: not translated


def test_the_list_filter_finds_what_is_missing_a_translation(staff_client):
    AgencyFactory(name_en="World Bank", name_fr="Banque mondiale", slug="world-bank")
    AgencyFactory(name_en="WHO", slug="who", summary_fr="Santé des migrants.", account_fr="Son travail.")
    changelist = reverse("admin:agencies_agency_changelist")
    missing_french = staff_client.get(changelist, {"missing_translation": "fr"})
    assert sorted(agency.slug for agency in missing_french.context["cl"].result_list) == ["who", "world-bank"]
    Agency.objects.filter(slug="world-bank").update(summary_fr="Banque.", account_fr="Banque.")
    missing_french = staff_client.get(changelist, {"missing_translation": "fr"})
    assert [agency.slug for agency in missing_french.context["cl"].result_list] == ["who"]
    missing_arabic = staff_client.get(changelist, {"missing_translation": "ar"})
    assert sorted(agency.slug for agency in missing_arabic.context["cl"].result_list) == ["who", "world-bank"]
    assert "missing a translation in" in staff_client.get(changelist).content.decode()


def test_a_revert_from_the_history_brings_back_a_french_summary(staff_client):
    agency = AgencyFactory(summary_fr="Travaille sur les migrations.", status="draft")
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    unchanged = {**agency_change_form(agency), "summary_fr": "Travaille sur les migrations.", "status": "draft"}
    saved = staff_client.post(url, {**unchanged, "summary_fr": "Autre chose."})
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    agency.refresh_from_db()
    assert agency.summary_fr == "Autre chose."
    first = agency.history.earliest()
    revert = reverse("admin:agencies_agency_simple_history", args=[agency.pk, first.history_id])
    form = staff_client.get(revert).content.decode()
    assert re.search(r'name="summary_fr"[^>]*value="Travaille sur les migrations."', form)
    reverted = staff_client.post(revert, unchanged)
    assert reverted.status_code == 302, reverted.context and reverted.context["errors"]
    assert Agency.objects.get(pk=agency.pk).summary_fr == "Travaille sur les migrations."


def test_the_csv_export_has_a_column_per_language_and_opens_in_a_spreadsheet(staff_client):
    AgencyFactory(slug="unhcr", name_en="UN Refugee Agency", name_ar="المفوضية", summary_zh_hans="保护难民。")
    form = staff_client.get(reverse("admin:agencies_agency_export")).context["form"]
    fields = {name: "on" for name in form.fields if name.startswith("agencyresource_")}
    response = staff_client.post(reverse("admin:agencies_agency_export"), {"format": "0", **fields})
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark: a spreadsheet reads UTF-8
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0]["name_ar"] == "المفوضية" and rows[0]["summary_zh_hans"] == "保护难民。"
    columns = {
        f"{name}_{code}"
        for name in ("name", "summary", "account")
        for code in ["en", "fr", "es", "ar", "zh_hans", "ru"]
    }
    assert columns <= set(rows[0])
