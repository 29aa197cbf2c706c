from datetime import date

import pytest
from django.urls import reverse

from agencies.models import Agency, GroupProfile
from agencies.tests.factories import AgencyFactory, ConstituentFactory, GroupProfileFactory
from testing import inline_management
from themes.tests.factories import ChairmanshipFactory

pytestmark = pytest.mark.django_db
LIST_URL = reverse("admin:agencies_agency_changelist")
ADD_URL = reverse("admin:agencies_agency_add")


def agency_form(**overrides):
    data = {
        "name_en": "World Health Organization",
        "acronym": "WHO",
        "slug": "who",
        "kind": "un-entity",
        "status": "published",
        "joined_on": "2010-09-01",
        "joined_precision": "month",
        "left_on": "",
        "summary_en": "Health of migrants.",
        "account_en": "The work of WHO.",
        "website": "",
        **inline_management("constituents"),
        **inline_management("chairmanships"),
    }
    data.update(overrides)
    return data


def test_an_editor_adds_a_member(staff_client):
    response = staff_client.post(ADD_URL, agency_form(website="who.int"))
    assert response.status_code == 302
    agency = Agency.objects.get(slug="who")
    assert (agency.joined_display, agency.website) == ("September 2010", "https://who.int")


def test_an_editor_adds_a_member_whose_joining_date_no_source_gives(staff_client):
    response = staff_client.post(ADD_URL, agency_form(joined_on="", joined_precision="day"))
    assert response.status_code == 302
    assert Agency.objects.get(slug="who").joined_on is None


def test_the_list_marks_a_missing_joining_date_and_filters_by_it(staff_client):
    dated = AgencyFactory(name="Dated", joined_on=date(2010, 9, 1), joined_precision=Agency.DatePrecision.MONTH)
    undated = AgencyFactory(name="Undated", joined_on=None)
    response = staff_client.get(LIST_URL)
    assert response.status_code == 200
    rows = {row.split("</th>")[0]: row for row in response.content.decode().split('<th class="field-name">')[1:]}
    assert '<td class="field-joined">September 2010</td>' in next(row for key, row in rows.items() if "Dated<" in key)
    assert '<td class="field-joined">-</td>' in next(row for key, row in rows.items() if "Undated<" in key)
    assert list(staff_client.get(LIST_URL, {"joining_date": "none"}).context["cl"].result_list) == [undated]
    assert list(staff_client.get(LIST_URL, {"joining_date": "recorded"}).context["cl"].result_list) == [dated]
    # The date hierarchy offers the years that have dates; a year chosen lists the members dated in it.
    assert list(staff_client.get(LIST_URL, {"joined_on__year": "2010"}).context["cl"].result_list) == [dated]


def test_leaving_before_joining_is_a_form_error(staff_client):
    response = staff_client.post(ADD_URL, agency_form(left_on="2010-01-01"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["left_on"] == ["A member cannot leave the Group before it joined."]
    assert not Agency.objects.exists()


def test_two_overlapping_terms_added_together_are_a_form_error_not_a_crash(staff_client):
    term = {"theme_description_en": "About.", "status": "draft", "theme_summary_en": ""}
    response = staff_client.post(
        ADD_URL,
        agency_form(
            **inline_management("chairmanships", total=2),
            **{
                **{f"chairmanships-0-{key}": value for key, value in term.items()},
                **{f"chairmanships-1-{key}": value for key, value in term.items()},
                "chairmanships-0-starts_on": "2011-01-01",
                "chairmanships-0-ends_on": "2011-06-30",
                "chairmanships-0-theme_title_en": "Youth",
                "chairmanships-0-slug": "first",
                "chairmanships-1-starts_on": "2011-06-01",
                "chairmanships-1-ends_on": "2011-12-31",
                "chairmanships-1-theme_title_en": "Climate",
                "chairmanships-1-slug": "second",
            },
        ),
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.non_form_errors() == [
        "The terms starting 2011-01-01 and 2011-06-01 overlap: two terms never overlap."
    ]
    assert not Agency.objects.exists()


def commissions_form(agency, ticked):
    bodies = list(agency.constituents.order_by("acronym"))
    data = agency_form(
        name_en=agency.name_en,
        acronym=agency.acronym,
        slug=agency.slug,
        kind="commission-group",
        joined_on="",
        **inline_management("constituents", total=len(bodies), initial=len(bodies)),
    )
    for index, body in enumerate(bodies):
        data.update(
            {
                f"constituents-{index}-id": body.pk,
                f"constituents-{index}-agency": agency.pk,
                f"constituents-{index}-acronym": body.acronym,
                f"constituents-{index}-name_en": "",
            }
        )
        if body.acronym in ticked:
            data[f"constituents-{index}-is_representative"] = "on"
    return data


def test_an_editor_moves_the_representation_to_another_commission(staff_client):
    escwa = ConstituentFactory(acronym="ESCWA", is_representative=True)
    ConstituentFactory(agency=escwa.agency, acronym="ECA")
    url = reverse("admin:agencies_agency_change", args=[escwa.agency.pk])
    response = staff_client.post(url, commissions_form(escwa.agency, ticked={"ECA"}))
    assert response.status_code == 302
    assert escwa.agency.representative.acronym == "ECA"


def test_two_representatives_are_a_form_error_not_a_crash(staff_client):
    escwa = ConstituentFactory(acronym="ESCWA", is_representative=True)
    ConstituentFactory(agency=escwa.agency, acronym="ECA")
    url = reverse("admin:agencies_agency_change", args=[escwa.agency.pk])
    response = staff_client.post(url, commissions_form(escwa.agency, ticked={"ECA", "ESCWA"}))
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors() == [
        "Only one body can represent the member; ECA and ESCWA are both ticked."
    ]
    assert escwa.agency.representative.acronym == "ESCWA"


def test_the_current_member_filter(staff_client):
    current = AgencyFactory(joined_on=date(2006, 1, 1))
    former = AgencyFactory(joined_on=date(2006, 1, 1), left_on=date(2008, 1, 1))
    assert list(staff_client.get(LIST_URL, {"current": "yes"}).context["cl"].result_list) == [current]
    assert list(staff_client.get(LIST_URL, {"current": "no"}).context["cl"].result_list) == [former]


def test_search_finds_a_member_by_one_of_its_commissions(staff_client):
    escwa = ConstituentFactory(acronym="ESCWA")
    AgencyFactory()
    assert list(staff_client.get(LIST_URL, {"q": "escwa"}).context["cl"].result_list) == [escwa.agency]


def test_an_editor_records_alternative_names_of_a_member_and_of_its_bodies(staff_client):
    escwa = ConstituentFactory(acronym="ESCWA", is_representative=True)
    url = reverse("admin:agencies_agency_change", args=[escwa.agency.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="alternative_names"' in page and 'name="constituents-0-alternative_names"' in page
    data = commissions_form(escwa.agency, ticked={"ESCWA"})
    data.update({"alternative_names": "UN Regional Commissions", "constituents-0-alternative_names": "UN-ESCWA"})
    assert staff_client.post(url, data).status_code == 302
    escwa.refresh_from_db()
    assert (escwa.agency.alternative_names, escwa.alternative_names) == ("UN Regional Commissions", "UN-ESCWA")
    assert list(staff_client.get(LIST_URL, {"q": "UN-ESCWA"}).context["cl"].result_list) == [escwa.agency]
    constituents = reverse("admin:agencies_constituent_changelist")
    assert list(staff_client.get(constituents, {"q": "UN-ESCWA"}).context["cl"].result_list) == [escwa]


def test_an_agency_page_shows_its_commissions_and_terms(staff_client):
    escwa = ConstituentFactory(acronym="ESCWA", is_representative=True)
    ChairmanshipFactory(agency=escwa.agency, theme_title="Regional perspectives")
    page = staff_client.get(reverse("admin:agencies_agency_change", args=[escwa.agency.pk])).content.decode()
    assert 'value="ESCWA"' in page
    assert 'value="Regional perspectives"' in page


@pytest.mark.parametrize("rows", [5, 60])
def test_the_agency_list_costs_the_same_queries_whatever_its_length(staff_client, django_assert_num_queries, rows):
    AgencyFactory.create_batch(rows)
    with django_assert_num_queries(7):
        response = staff_client.get(LIST_URL)
    assert len(response.context["cl"].result_list) == rows


def test_the_group_is_one_record_that_staff_edit(staff_client):
    assert staff_client.get(reverse("admin:agencies_groupprofile_add")).status_code == 200
    group = GroupProfileFactory(status="draft")
    assert staff_client.get(reverse("admin:agencies_groupprofile_add")).status_code == 403
    response = staff_client.get(reverse("admin:agencies_groupprofile_changelist"))
    assert response.url == reverse("admin:agencies_groupprofile_change", args=[group.pk])
    assert staff_client.post(reverse("admin:agencies_groupprofile_delete", args=[group.pk])).status_code == 403
    assert GroupProfile.objects.exists()


@pytest.mark.parametrize("agency", ["abc", "", "1e3", "99999999999999999999999"])
def test_a_body_s_add_page_prefilled_with_no_id_shows_the_form_without_it(staff_client, agency):
    response = staff_client.get(reverse("admin:agencies_constituent_add"), {"agency": agency})
    assert response.status_code == 200
    assert "agency" not in response.context["adminform"].form.initial
