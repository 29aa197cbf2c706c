"""What the Group publishes: joint statements, reports, books, fact sheets, policy briefs, each with its files.

Documents stand above events in the house: a document may name the members who wrote it, its topics, the
chairmanship it belongs to and the event where it was adopted or launched; those apps reach their documents
through the reverse relations (`agency.documents`, `event.documents`…), never by importing this app.
"""

import operator
import os
import re
import uuid
from functools import reduce

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import Value
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, GroupProfile
from core.dates import DatePrecision, check_precision, precision_constraint, shown
from core.fields import MARKDOWN_HELP, WebAddressField
from core.publishing import Publishable, PublishableQuerySet
from core.search import SEARCH_CONFIG, weighted_vector
from core.translation import Translated, column, plain, separator
from events.models import Event
from themes.models import Chairmanship, Topic

from .pdf import inspect

# Characters of the files' text that the search vector takes: PostgreSQL refuses a vector over 1 MB, and the
# opening pages of a document say what it is about.
INDEXED_TEXT = 300_000


class DocumentKind(models.TextChoices):
    JOINT_STATEMENT = "joint-statement", pgettext_lazy("document kind", "Joint statement")
    REPORT = "report", pgettext_lazy("document kind", "Report")
    BOOK = "book", pgettext_lazy("document kind", "Book")
    FACT_SHEET = "fact-sheet", pgettext_lazy("document kind", "Fact sheet")
    POLICY_BRIEF = "policy-brief", pgettext_lazy("document kind", "Policy brief")
    OTHER = "other", pgettext_lazy("document kind", "Other")


class Language(models.TextChoices):
    """The UN's six official languages, by their BCP 47 tags, in the UN's order."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


def isbn_is_valid(value):
    digits = value.replace("-", "").replace(" ", "").upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        return sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits)) % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        return sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits)) % 10 == 0
    return False


def validate_isbn(value):
    if not isbn_is_valid(value):
        raise ValidationError(
            gettext("Not a valid ISBN: give its 10 or 13 digits (hyphens may stay), as printed on the book.")
        )


class DocumentQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def newest_first(self):
        return self.order_by("-issued_on", "title_en", "pk")

    def for_listing(self):
        """Lists, feeds and the search name a document's authors; its files are on its own page (for_page)."""
        return self.prefetch_published("authors")

    def for_page(self):
        """A document's page: its files, and the public records it names."""
        return (
            self.prefetch_published("authors", "topics")
            .prefetch_related("files")
            .select_related("chairmanship__agency", "event")
        )


class Document(Publishable):
    Kind = DocumentKind

    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    title = Translated(models.CharField(_("title"), max_length=300))
    slug = models.SlugField(
        max_length=100, unique=True, help_text=_("Part of the document's web address."), verbose_name=_("slug")
    )
    issued_on = models.DateField(
        _("date of the document"),
        help_text=_("When only the month or the year is known, enter its first day and say so below."),
    )
    issued_precision = models.CharField(
        # Translators: a field label; the editor then chooses "Day", "Month" or "Year".
        _("date known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    summary = Translated(models.TextField(_("summary"), blank=True, help_text=MARKDOWN_HELP))
    by_the_group = models.BooleanField(
        _("by the Group as a whole"),
        default=False,
        help_text=_("Tick for a text of the whole Group, such as a joint statement."),
    )
    authors = models.ManyToManyField(Agency, related_name="documents", blank=True, verbose_name=_("authoring members"))
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("As the document names it, e.g. “UNESCO / Cambridge University Press”."),
        verbose_name=pgettext_lazy("a work's publisher", "publisher"),
    )
    isbn = models.CharField(_("ISBN"), max_length=17, blank=True, validators=[validate_isbn])
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[RegexValidator(r"^10\.\d{4,9}/\S+$", _("A DOI begins with 10. and a slash follows its prefix."))],
        help_text=_("e.g. 10.1017/CBO9780511977233, without https://doi.org/."),
    )
    external_url = WebAddressField(_("external address"), blank=True, help_text=_("Where the document is published."))
    topics = models.ManyToManyField(Topic, related_name="documents", blank=True, verbose_name=_("topics"))
    chairmanship = models.ForeignKey(
        Chairmanship,
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
        blank=True,
        verbose_name=_("chairmanship"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="documents",
        null=True,
        blank=True,
        help_text=_("The event where it was adopted or launched."),
        verbose_name=_("event"),
    )

    # The site search's document, kept up to date on PostgreSQL (index_text): the fields by weight, then the text of
    # the files, which lives in other rows and so cannot be indexed as an expression, as other kinds are.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[authors, topics], excluded_fields=["search_vector"])

    # The site search's document by weight, its English columns; each other language reads its own (core/search.py).
    search_fields = [[column("title")], [column("summary"), "publisher"]]
    stored_search_vector = "search_vector"
    word_search_fields = [column("title"), column("summary"), "publisher", "files__text"]  # SQLite's search

    class Meta(Publishable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("publish_document", "Can publish, unpublish and delete published documents")]
        ordering = ["-issued_on", "title_en"]
        indexes = [models.Index(fields=["-issued_on", "title_en"], name="publications_doc_order_idx")]
        constraints = [
            *Publishable.Meta.constraints,
            precision_constraint("issued_on", "issued_precision", "publications_document_date_precision"),
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values), name="publications_document_kind_valid"
            ),
        ]

    def __str__(self):
        return plain(self.title)

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("publications:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.index_text()

    def clean(self):
        super().clean()
        check_precision(self.issued_on, self.issued_precision, "issued_on")

    def index_text(self):
        """Write the search vector from the fields and the files' text (PostgreSQL; SQLite searches the rows)."""
        if connection.vendor != "postgresql":
            return
        text = "\n".join(self.files.values_list("text", flat=True))[:INDEXED_TEXT]
        files = SearchVector(Value(text, output_field=models.TextField()), weight="C", config=SEARCH_CONFIG)
        Document.objects.filter(pk=self.pk).update(search_vector=weighted_vector(self.search_fields) + files)

    @property
    def date_display(self):
        return shown(self.issued_on, self.issued_precision)

    @property
    def cover_file(self):
        """The first file (by language) whose first page could be made an image (files prefetched), or None."""
        return next((stored for stored in self.files.all() if stored.cover), None)

    @property
    def author_names(self):
        """Who wrote it: the Group, its public authoring members, or both (authors prefetched)."""
        names = [agency.short_name for agency in self.authors.all()]
        # Translators: the Group's name, as the author of a document of the whole Group.
        return [gettext("Global Migration Group"), *names] if self.by_the_group else names

    @property
    def authors_text(self):
        return separator().join(self.author_names) or self.publisher or gettext("members of the Global Migration Group")


class DocumentStorage(FileSystemStorage):
    """The documents' files (settings.DOCUMENTS_ROOT), outside the code and outside the media the web server gives
    out: a file is served by the portal's download view, which checks that its document is public."""

    @property
    def base_location(self):
        return settings.DOCUMENTS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        """Staff's address of a stored file, whatever its document's state (the admin's view checks who asks);
        the public reach a file through its document's page (DocumentFile.get_absolute_url)."""
        return reverse("admin:publications_document_stored", kwargs={"name": name})


def file_name(instance, filename):
    """A new random name: nothing of the uploader's file name reaches the disk."""
    return f"{uuid.uuid4().hex}.pdf"


def cover_name(instance, filename):
    return f"{uuid.uuid4().hex}.png"


class DocumentFile(models.Model):
    """A document in one language: one PDF, checked on upload (publications/pdf.py), its text kept for the search."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("document"))
    language = models.CharField(max_length=2, choices=Language.choices, verbose_name=_("language"))
    file = models.FileField(_("PDF"), upload_to=file_name, storage=DocumentStorage, max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    pages = models.PositiveIntegerField(editable=False, verbose_name=_("pages"))
    text = models.TextField(_("text for the search"), blank=True, editable=False)
    cover = models.FileField(
        _("first page as an image"), upload_to=cover_name, storage=DocumentStorage, blank=True, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"],
                name="publications_documentfile_one_per_language",
                violation_error_message=_("The document already has a file in this language."),
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=Language.values), name="publications_documentfile_language_valid"
            ),
        ]

    def __str__(self):
        return f"{self.document} ({self.get_language_display()})"

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed and self.pages is None:
            self.clean()  # a file saved without a form is checked as the admin checks it
        picture = self.__dict__.pop("_new_cover", None)
        if picture:
            self.cover.save("cover.png", ContentFile(picture), save=False)
        super().save(*args, **kwargs)
        self.document.index_text()

    def get_absolute_url(self):
        return reverse("publications:download", kwargs={"slug": self.document.slug, "language": self.language})

    def get_cover_url(self):
        return reverse("publications:cover", kwargs={"slug": self.document.slug, "language": self.language})

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self.document.index_text()
        return deleted

    def clean(self):
        super().clean()
        if self.file and not self.file._committed:
            try:
                facts = inspect(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
            self.size, self.pages, self.text = self.file.size, facts.pages, facts.text
            self.cover = None  # a new file's cover is its own first page, when PDFium can render it
            self._new_cover = facts.cover

    @cached_property
    def download_name(self):
        return f"{self.document.slug}-{self.language}.pdf"

    @cached_property
    def cover_download_name(self):
        return f"{self.document.slug}-{self.language}.png"


@receiver(post_save, sender=Document)
@receiver(post_save, sender=DocumentFile)
def index_loaded_text(sender, instance, raw, **kwargs):
    """A record loaddata writes (raw saves skip save(): the seed) is indexed for the search as a save indexes it."""
    if raw:
        Document(pk=getattr(instance, "document_id", instance.pk)).index_text()


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Source(models.Model):
    """A work the portal's text relies on, cited as a bibliography cites it; attached to records by citations."""

    key = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("A short name of your choice for the source, e.g. newland-2010."),
        verbose_name=_("key"),
    )
    authors = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("As the work names them, e.g. “Newland, K.”."),
        verbose_name=_("authors"),
    )
    title = models.CharField(max_length=300, verbose_name=_("title"))
    publication = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The journal, book or site the work appears in, e.g. “Global Governance”."),
        verbose_name=_("publication"),
    )
    volume = models.CharField(
        max_length=30, blank=True, help_text=_("Volume and issue, e.g. “16 (3)”."), verbose_name=_("volume")
    )
    pages = models.CharField(max_length=30, blank=True, help_text=_("e.g. “331–344”."), verbose_name=_("pages"))
    publisher = models.CharField(
        max_length=200, blank=True, verbose_name=pgettext_lazy("a work's publisher", "publisher")
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)], verbose_name=_("year")
    )
    url = WebAddressField(_("address"), blank=True)
    consulted_on = models.DateField(_("consulted on"), null=True, blank=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        related_name="sources",
        null=True,
        blank=True,
        help_text=_("When the source is one of the portal's statements and publications."),
        verbose_name=_("document"),
    )

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["authors", "year", "title"]
        indexes = [models.Index(fields=["authors", "year", "title"], name="publications_source_order_idx")]

    def __str__(self):
        return self.citation_text

    def natural_key(self):
        return (self.key,)

    @property
    def citation_text(self):
        """As a reference list gives it: Newland, K. (2010) ‘The governance…’, Global Governance, 16 (3), pp. 331–44."""
        year = f" ({self.year})" if self.year else ""
        title = f"‘{self.title}’" if self.publication else self.title
        head = f"{self.authors}{year} {title}" if self.authors else f"{title}{year}"
        pages = self.pages
        if pages and not pages.startswith("p"):
            # Translators: the pages of a cited work in a reference list, e.g. "pp. 331–344".
            pages = gettext("pp. %(pages)s") % {"pages": pages}
        parts = [head, self.publication, self.volume, pages, self.publisher]
        return ", ".join(part for part in parts if part) + "."


CITED_RECORDS = ["group_profile", "agency", "chairmanship", "topic", "event", "document"]
ONE_RECORD = reduce(
    operator.or_,
    [models.Q(**{f"{name}__isnull": name != chosen for name in CITED_RECORDS}) for chosen in CITED_RECORDS],
)


def citation_key():
    return uuid.uuid4().hex[:16]


class CitationQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)

    def public(self):
        """Citations attached to a record the public may see (each kind by its own `published()` rules)."""
        return self.filter(
            reduce(
                operator.or_,
                [
                    models.Q(**{f"{name}__in": self.model._meta.get_field(name).related_model.objects.published()})
                    for name in CITED_RECORDS
                ],
            )
        )

    def citing(self, document):
        """Where the portal cites the document as a source: the public records, each fetched with its citation."""
        return self.public().filter(source__document=document).select_related(*CITED_RECORDS, "chairmanship__agency")


class Citation(models.Model):
    """A source attached to one record of the portal, with what it supports; numbered under the record's text."""

    # The seed names its citations, so that loading it again updates them; the admin gives each a random key.
    key = models.SlugField(max_length=80, unique=True, default=citation_key, editable=False, verbose_name=_("key"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source"))
    group_profile = models.ForeignKey(
        GroupProfile,
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
        verbose_name=_("group profile"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="citations", null=True, blank=True, verbose_name=_("agency")
    )
    chairmanship = models.ForeignKey(
        Chairmanship,
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
        verbose_name=_("chairmanship"),
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="citations", null=True, blank=True, verbose_name=_("topic")
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="citations", null=True, blank=True, verbose_name=_("event")
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="citations", null=True, blank=True, verbose_name=_("document")
    )
    supports = models.CharField(
        _("what it supports"), max_length=300, blank=True, help_text=_("e.g. “The Group's creation in 2006”.")
    )
    position = models.PositiveSmallIntegerField(
        default=1, help_text=_("Its number under the record's text."), verbose_name=_("position")
    )

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=ONE_RECORD,
                name="publications_citation_one_record",
                violation_error_message=_("A citation is attached to exactly one record."),
            ),
        ]

    def __str__(self):
        return f"{self.source} ({self.supports})" if self.supports else str(self.source)

    def natural_key(self):
        return (self.key,)

    natural_key.dependencies = ["publications.source", "publications.document"]

    def clean(self):
        super().clean()
        if sum(getattr(self, f"{name}_id") is not None for name in CITED_RECORDS) != 1:
            raise ValidationError(gettext("A citation is attached to exactly one record."))

    @property
    def record(self):
        return next(getattr(self, name) for name in CITED_RECORDS if getattr(self, f"{name}_id") is not None)
