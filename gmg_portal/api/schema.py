"""One OpenAPI schema for the API in its six languages: each path starts with its language, a parameter."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from drf_spectacular.contrib.django_filters import DjangoFilterExtension, _NoHint
from drf_spectacular.plumbing import get_view_model

SLUG = "[-a-zA-Z0-9_]+"  # Django's slug path converter's, which records' addresses use
SLUG_PATTERN = f"^{SLUG}$"

LANGUAGE = {
    "name": "lang",
    "in": "path",
    "required": True,
    "description": "The language of the answer's texts: one of the UN's six (English where a text has no "
    "translation yet).",
    "schema": {"type": "string", "enum": [code for code, name in settings.LANGUAGES]},
}

RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer", "minimum": 0}}}


def language_in_paths(result, generator, request, public):
    """`/en/api/v1/events/` as the generator found it becomes `/{lang}/api/v1/events/`."""
    paths = {}
    for path, operations in result["paths"].items():
        _, code, rest = path.split("/", 2)
        paths[f"/{{lang}}/{rest}"] = operations
        for operation in operations.values():
            operation["parameters"] = [LANGUAGE, *operation.get("parameters", [])]
            if "429" in operation["responses"]:
                operation["responses"]["429"]["headers"] = RETRY_AFTER
    result["paths"] = paths
    return result


class BoundedFilters(DjangoFilterExtension):
    """Each filter's parameter with the bounds its form field keeps: a year's range, the words' length, a slug's
    form and length, a date's years. Read from the fields themselves, so the schema cannot drift from them."""

    target_class = "gmg_portal.api.filters.StrictFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        model = get_view_model(auto_schema.view)
        filterset_class = self.target.get_filterset_class(auto_schema.view, model.objects.none()) if model else None
        if filterset_class is None:
            return parameters
        fields = filterset_class().form.fields
        for parameter in parameters:
            parameter["schema"].update(bounds(fields[parameter["name"]]))
        return parameters

    def _get_filter_method_hint(self, filter_method):
        """The filters' methods (events.filters) take what their form field gives: the schema's types come from
        those fields (bounds), not from hints the methods do not carry."""
        hint = super()._get_filter_method_hint(filter_method)
        return str if filter_method is not None and hint is _NoHint else hint


def bounds(field):
    if isinstance(field, forms.ModelChoiceField):
        slug = field.queryset.model._meta.get_field(field.to_field_name)
        return {"type": "string", "pattern": SLUG_PATTERN, "maxLength": slug.max_length}
    if isinstance(field, forms.IntegerField):
        return {"type": "integer", "minimum": field.min_value, "maximum": field.max_value}
    if isinstance(field, forms.DateField):
        first = next(v.limit_value for v in field.validators if isinstance(v, MinValueValidator))
        last = next(v.limit_value for v in field.validators if isinstance(v, MaxValueValidator))
        return {"type": "string", "format": "date", "description": f"A day from {first} to {last}."}
    if isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField):
        return {"maxLength": field.max_length}
    return {}
