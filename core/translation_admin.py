"""The admin of a record in six languages: its texts in English where the admin always showed them, and the same
texts in each other language in a folded section of its own (a <details>: no script), each box marked with its
language and direction; a list filter "missing a translation in …"."""

from django.contrib import admin
from django.utils.text import capfirst, format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .translation import DEFAULT_LANGUAGE, LANGUAGE_NAMES, OTHER_LANGUAGES, column, missing, translated_names


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing a translation in")
    parameter_name = "missing_translation"

    def lookups(self, request, model_admin):
        return [(code, LANGUAGE_NAMES[code]) for code in OTHER_LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in OTHER_LANGUAGES:
            return queryset.filter(missing(queryset.model, self.value()))
        return queryset


def english(field, names):
    """A fieldsets entry (a field's name, or a row of them) with each translated field named by its English column."""
    if isinstance(field, (list, tuple)):
        return type(field)(english(item, names) for item in field)
    return column(field) if field in names else field


class TranslationAdminMixin:
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = translated_names(self.model)
        if not names:
            return fieldsets
        others = {column(name, code) for name in names for code in OTHER_LANGUAGES}
        shown = []
        for title, options in fieldsets:
            fields = [english(field, names) for field in options["fields"] if field not in others]
            shown.append((title, {**options, "fields": fields}))
        for code in OTHER_LANGUAGES:
            fields = [column(name, code) for name in names]
            shown.append((f"{LANGUAGE_NAMES[code]} ({code})", {"fields": fields, "classes": ["collapse"]}))
        return shown

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        code = getattr(db_field, "_translated_field_language_code", None)
        if formfield is not None and code:
            info = get_language_info(code)
            formfield.widget.attrs.update({"lang": code, "dir": "rtl" if info["bidi"] else "ltr"})
            if code != DEFAULT_LANGUAGE:
                # Each box its own name: "Title (French)", in the staff member's language, beside the English "Title".
                formfield.label = format_lazy("{} ({})", capfirst(db_field.verbose_name), info["name_translated"])
        return formfield

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if translated_names(self.model):
            filters.append(MissingTranslationFilter)
        return filters


def translation_counts(request, site):
    """For the admin's front page: each kind of record with texts in six languages that this staff member may see,
    its number of records, and per language how many miss a translation, with the list filtered to them.
    One query per kind, whatever the number of records."""
    from django.db.models import Count
    from django.urls import reverse

    rows = []
    for model, model_admin in site._registry.items():
        if not translated_names(model) or not model_admin.has_view_permission(request):
            continue
        counts = model._default_manager.aggregate(
            total=Count("pk"),
            **{f"missing_{code}": Count("pk", filter=missing(model, code)) for code in OTHER_LANGUAGES},
        )
        changelist = reverse(f"{site.name}:{model._meta.app_label}_{model._meta.model_name}_changelist")
        rows.append(
            {
                "kind": model._meta.verbose_name_plural,
                "url": changelist,
                "total": counts["total"],
                "languages": [
                    {
                        "code": code,
                        "missing": counts[f"missing_{code}"],
                        "url": f"{changelist}?{MissingTranslationFilter.parameter_name}={code}",
                    }
                    for code in OTHER_LANGUAGES
                ],
            }
        )
    return {"languages": [(code, LANGUAGE_NAMES[code]) for code in OTHER_LANGUAGES], "rows": rows}
