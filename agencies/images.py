"""Agency logos: what is accepted, and how it is stored.

An upload must be a PNG, JPEG or WebP image of at most 2 MB and 4000 × 4000 pixels. It is then
decoded and written anew as PNG under a random name, so that what is stored is only pixels: no
script of an SVG, no payload appended to an image, no name or extension chosen by the uploader.
A thumbnail is made for the pages at the same time.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
FORMATS = {"PNG", "JPEG", "WEBP"}
THUMBNAIL_BOX = (320, 160)
NOT_AN_ACCEPTED_IMAGE = _("Upload a PNG, JPEG or WebP image. SVG files and other formats are not accepted.")


def validate_logo(upload):
    if upload.size > MAX_BYTES:
        raise ValidationError(
            gettext("The file is %(size).1f MB; the largest accepted is 2 MB."),
            params={"size": upload.size / 1024 / 1024},
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            if max(width, height) <= MAX_SIDE:
                image.load()  # decode it all now: a truncated or corrupt file is refused here, not on saving
    except Exception as error:
        raise ValidationError(NOT_AN_ACCEPTED_IMAGE) from error
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise ValidationError(NOT_AN_ACCEPTED_IMAGE)
    if max(width, height) > MAX_SIDE:
        raise ValidationError(
            gettext("The image is %(width)s × %(height)s pixels; the largest accepted is 4000 × 4000."),
            params={"width": width, "height": height},
        )


class LogoField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"error_messages": {"invalid_image": NOT_AN_ACCEPTED_IMAGE}, **kwargs})


def as_png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def store_logo(agency):
    """Write a new upload anew as PNG, with its thumbnail; a stored logo is left as it is."""
    if not agency.logo or agency.logo._committed:
        return
    agency.logo.open()
    with Image.open(agency.logo) as image:
        image.load()
        image = image.convert("RGBA")
    name = uuid.uuid4().hex
    agency.logo.save(f"{name}.png", as_png(image), save=False)
    image.thumbnail(THUMBNAIL_BOX)
    agency.logo_thumbnail.save(f"{name}-thumbnail.png", as_png(image), save=False)
