from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_admin import CsvExportMixin
from core.nothing_silent import NothingSilentMixin
from core.publishing import Status
from core.publishing_admin import GuardedAdmin, PublishingAdmin
from core.translation import columns, plain
from core.translation_admin import TranslationAdminMixin

from .images import LogoField
from .models import Agency, Constituent, GroupProfile
from .resources import AgencyResource
from .views import AgencyDetailView
from .widgets import LogoInput, logo_thumbnail


class CurrentMemberFilter(admin.SimpleListFilter):
    title = gettext_lazy("current member")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("Current members")), ("no", _("Former or future members"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.current_members()
        if self.value() == "no":
            return queryset.exclude(pk__in=Agency.objects.current_members().values("pk"))
        return queryset


class JoiningDateFilter(admin.SimpleListFilter):
    """Which members still lack a joining date, for staff completing them from sources."""

    title = gettext_lazy("joining date")
    parameter_name = "joining_date"

    def lookups(self, request, model_admin):
        return [("recorded", _("Recorded")), ("none", _("Not recorded"))]

    def queryset(self, request, queryset):
        if self.value() in ("recorded", "none"):
            return queryset.filter(joined_on__isnull=self.value() == "none")
        return queryset


class ConstituentFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        representatives = [
            form.cleaned_data["acronym"]
            for form in self.forms
            if form.cleaned_data.get("is_representative") and not form.cleaned_data.get("DELETE")
        ]
        if len(representatives) > 1:
            # Translators: %(first)s and %(second)s are the acronyms of two bodies of one member.
            raise ValidationError(
                _("Only one body can represent the member; %(first)s and %(second)s are both ticked.")
                % {"first": representatives[0], "second": representatives[1]}
                if len(representatives) == 2
                else _("Only one body can represent the member; %(bodies)s are all ticked.")
                % {"bodies": ", ".join(representatives)}
            )


class ConstituentInline(NothingSilentMixin, admin.TabularInline):
    model = Constituent
    formset = ConstituentFormSet
    extra = 0
    fields = [
        "acronym",
        "name_en",
        "alternative_names",
        "is_representative",
    ]  # in English here; the body's own page has every language


@admin.register(Agency)
class AgencyAdmin(CsvExportMixin, PublishingAdmin):
    preview_view = AgencyDetailView
    resource_classes = [AgencyResource]
    # What an editor looks for first, within 1280 px beside the menu and the filters; kind and the day a member
    # left are on the record page (and kind is a filter).
    list_display = ["name", "logo_column", "acronym", "joined", "is_current_member", "status"]
    list_filter = ["kind", "status", CurrentMemberFilter, JoiningDateFilter]
    search_fields = [
        *columns("name"),
        "acronym",
        "alternative_names",
        *columns("summary"),
        "constituents__acronym",
        "constituents__alternative_names",
    ]
    prepopulated_fields = {"slug": ["name_en"]}
    date_hierarchy = "joined_on"  # a member with no recorded date is listed until a year is chosen
    inlines = [ConstituentInline]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "alternative_names", "slug", "kind", "status", "publish_from"]}),
        (gettext_lazy("Membership"), {"fields": ["joined_on", "joined_precision", "left_on"]}),
        (gettext_lazy("Content"), {"fields": ["summary", "account", "website"]}),
        (gettext_lazy("Logo"), {"fields": ["logo", "logo_alt"]}),
    ]
    formfield_overrides = {LogoField: {"widget": LogoInput}}

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # A page to read only shows the logo as its thumbnail too, not as the stored file's random name.
        return [
            (name, {**options, "fields": ["logo_column" if field == "logo" else field for field in options["fields"]]})
            for name, options in fieldsets
        ]

    @admin.display(description=gettext_lazy("logo"))
    def logo_column(self, agency):
        return logo_thumbnail(agency) or self.get_empty_value_display()

    @admin.display(description=gettext_lazy("joined"), ordering="joined_on")
    def joined(self, agency):
        return agency.joined_display or None  # the admin's mark for an empty value

    @admin.display(description=gettext_lazy("member now"), boolean=True)
    def is_current_member(self, agency):
        return agency.is_current_member


@admin.register(Constituent)
class ConstituentAdmin(TranslationAdminMixin, GuardedAdmin):
    """A constituent shows on its agency's public page, so it follows its agency's publishing rules."""

    publish_model = Agency

    def is_published_record(self, obj):
        return obj is not None and obj.agency.status == Status.PUBLISHED

    list_display = ["acronym", "name", "member", "represents"]
    list_filter = ["is_representative", "agency"]
    list_select_related = ["agency"]
    search_fields = ["acronym", *columns("name"), "alternative_names", "agency__name_en", "agency__acronym"]
    autocomplete_fields = ["agency"]

    @admin.display(description=gettext_lazy("member"), ordering="agency__name_en")
    def member(self, constituent):
        return plain(constituent.agency.short_name)

    @admin.display(description=gettext_lazy("represents"), boolean=True, ordering="is_representative")
    def represents(self, constituent):
        return constituent.is_representative


@admin.register(GroupProfile)
class GroupProfileAdmin(PublishingAdmin):
    """The Group is one record: its list leads straight to it, and it is unpublished rather than deleted."""

    list_display = ["name", "acronym", "founded_in", "status"]
    prepopulated_fields = {"slug": ["acronym"]}
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "status", "publish_from"]}),
        (gettext_lazy("Creation"), {"fields": ["founded_in", "founded_by"]}),
        (
            gettext_lazy("Introduction"),
            {"fields": ["summary", "introduction", "aims", "chair_rotation", "gfmd_relation"]},
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not GroupProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        group = GroupProfile.objects.first()
        if group is not None and self.has_change_permission(request, group):
            return redirect("admin:agencies_groupprofile_change", group.pk)
        return super().changelist_view(request, extra_context)
