"""Logos uploaded through the admin: accepted images are stored anew as PNG; hostile files are refused."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from agencies.models import Agency
from agencies.tests.factories import AgencyFactory
from testing import inline_management

pytestmark = pytest.mark.django_db
NOT_ACCEPTED = "Upload a PNG, JPEG or WebP image. SVG files and other formats are not accepted."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_bytes(kind="PNG", size=(600, 300), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "navy").save(buffer, format=kind)
    return buffer.getvalue()


def upload(agency, client, name, content, alt="UNHCR logo"):
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    data = {
        "name_en": agency.name_en,
        "acronym": agency.acronym,
        "slug": agency.slug,
        "kind": agency.kind,
        "status": "published",
        "joined_on": "2006-01-01",
        "joined_precision": "year",
        "summary_en": "s",
        "account_en": "a",
        "website": "",
        "logo_alt_en": alt,
        "logo": SimpleUploadedFile(name, content),
        **inline_management("constituents"),
        **inline_management("chairmanships"),
    }
    return client.post(url, data)


def errors(response):
    assert response.status_code == 200, "the upload should have been refused"
    return response.context["adminform"].form.errors


def test_a_logo_is_stored_anew_as_png_with_a_thumbnail_and_shown_with_its_description(staff_client, media):
    agency = AgencyFactory(acronym="UNHCR")
    appended = image_bytes("JPEG") + b"<?php system($_GET['c']); ?>"  # a payload riding on a real image
    assert upload(agency, staff_client, "logo.php.jpg", appended).status_code == 302
    agency.refresh_from_db()
    assert agency.logo.name.startswith("logos/") and agency.logo.name.endswith(".png")
    assert "php" not in agency.logo.name
    stored = (media / agency.logo.name).read_bytes()
    assert stored.startswith(b"\x89PNG") and b"<?php" not in stored
    with Image.open(media / agency.logo_thumbnail.name) as thumbnail:
        assert thumbnail.size == (320, 160)
    page = staff_client.get(agency.get_absolute_url()).content.decode()
    assert f'src="/media/{agency.logo_thumbnail.name}" alt="UNHCR logo"' in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', NOT_ACCEPTED),
        ("logo.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 4096, NOT_ACCEPTED),  # a renamed executable
        ("logo.png", b"MZ\x90\x00" + b"\x00" * 4096, NOT_ACCEPTED),
        ("logo.gif", None, NOT_ACCEPTED),  # a real image, of a format not accepted
        ("logo.png", b"", "The submitted file is empty."),
        ("huge.png", "50MB", "The file is 50.0 MB; the largest accepted is 2 MB."),
        ("wide.png", "5000px", "The image is 5000 × 100 pixels; the largest accepted is 4000 × 4000."),
    ],
)
def test_hostile_or_unsuitable_files_are_refused_with_a_clear_message(staff_client, media, name, content, message):
    if content is None:
        content = image_bytes("GIF", mode="P")
    elif content == "50MB":
        content = image_bytes() + b"\x00" * (50 * 1024 * 1024)
    elif content == "5000px":
        content = image_bytes(size=(5000, 100))
    agency = AgencyFactory()
    assert errors(upload(agency, staff_client, name, content))["logo"] == [message]
    agency.refresh_from_db()
    assert not agency.logo
    assert not any(media.rglob("*.*"))


def test_a_logo_needs_its_description(staff_client):
    agency = AgencyFactory()
    assert errors(upload(agency, staff_client, "logo.png", image_bytes(), alt=" "))["logo_alt_en"] == [
        "Describe the logo for people who cannot see it."
    ]
    assert not Agency.objects.get(pk=agency.pk).logo


def test_the_admin_shows_a_logo_as_its_thumbnail_with_its_description_not_its_file_name(staff_client, media):
    agency = AgencyFactory(acronym="UNHCR")
    assert upload(agency, staff_client, "logo.png", image_bytes()).status_code == 302
    agency.refresh_from_db()
    thumbnail = f'<img class="admin-logo" src="/media/{agency.logo_thumbnail.name}" alt="UNHCR logo">'
    listing = staff_client.get(reverse("admin:agencies_agency_changelist")).content.decode()
    assert thumbnail in listing
    form = staff_client.get(reverse("admin:agencies_agency_change", args=[agency.pk])).content.decode()
    assert f'<a href="/media/{agency.logo.name}">{thumbnail}</a>' in form
    assert f">{agency.logo.name}<" not in form  # the stored file's random name is not what staff read


def test_a_page_to_read_only_shows_the_logo_as_its_thumbnail(client, staff_client, django_user_model, media):
    agency = AgencyFactory(acronym="UNHCR")
    assert upload(agency, staff_client, "logo.png", image_bytes()).status_code == 302
    agency.refresh_from_db()
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)  # may only view members
    viewer.user_permissions.add(Permission.objects.get(codename="view_agency"))
    client.force_login(viewer)
    page = client.get(reverse("admin:agencies_agency_change", args=[agency.pk])).content.decode()
    assert f'<img class="admin-logo" src="/media/{agency.logo_thumbnail.name}" alt="UNHCR logo">' in page
    assert agency.logo.name not in page
