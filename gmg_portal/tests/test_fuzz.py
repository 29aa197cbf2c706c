"""Property-based: random and hostile query strings and path values never get a 5xx on any public URL."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EVENT_LISTS = ["/en/events/", "/en/events/past/", "/en/events/calendar.ics"]
FILTERS = ["q", "year", "kind", "topic", "organiser", "participant", "chairmanship", "after", "before", "page"]
PUBLICATION_FILTERS = ["q", "year", "kind", "topic", "member", "language", "page"]
OTHER_LISTS = [
    "/en/",
    "/en/members/",
    "/en/chairmanships/",
    "/en/topics/",
    "/en/publications/",
    "/en/search/",
    "/en/events/feeds/upcoming.rss",
    "/en/events/feeds/changes.atom",
    "/sitemap.xml",
]
OTHER_PARAMETERS = ["q", "page", "format", "p", "o", "section"]
DETAIL_PREFIXES = ["/en/members/", "/en/chairmanships/", "/en/topics/", "/en/events/", "/en/publications/"]

hostile = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=3000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "\x00",
            "%00",
            "2011-13-45",
            "2011-02-30",
            "0000-00-00",
            "9999-12-31",
            "-1",
            "1e309",
            "NaN",
            "../../etc/passwd",
            "' OR 1=1 --",
            "<script>",
            "%ff%fe",
            "\ud800",
            "🤷" * 100,
            " " * 500,
            "1" * 5000,
            "2011\x00",
            "١٢٣",
            "²",
            "unhcr\n",
            "forced-migration' --",
        ]
    ),
)
# Function-scoped fixtures (the client, the seed) are set up once per test, not once per example: the examples
# only read, and share them.
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


def assert_no_server_error(client, path, params):
    try:
        response = client.get(path, params)
    except UnicodeEncodeError:
        return  # a string a browser cannot send (a lone surrogate): no request would reach the portal
    assert response.status_code < 500, (path, params, response.status_code)


@pytest.mark.django_db
@settings(max_examples=400, **SETTINGS)
@given(
    path=st.sampled_from(EVENT_LISTS),
    params=st.lists(st.tuples(st.sampled_from(FILTERS), hostile), min_size=1, max_size=6),
)
def test_no_query_string_breaks_an_event_list_or_calendar(client, seeded, path, params):
    assert_no_server_error(client, path, params)


@pytest.mark.django_db
@settings(max_examples=200, **SETTINGS)
@given(
    path=st.sampled_from(OTHER_LISTS),
    params=st.lists(st.tuples(st.sampled_from(OTHER_PARAMETERS), hostile), max_size=4),
)
def test_no_query_string_breaks_another_page(client, seeded, path, params):
    assert_no_server_error(client, path, params)


@pytest.mark.django_db
@settings(max_examples=200, **SETTINGS)
@given(
    prefix=st.sampled_from(DETAIL_PREFIXES),
    value=hostile,
    suffix=st.sampled_from(["/", "/calendar.ics", "/en.pdf", ""]),
)
def test_no_path_value_breaks_a_page(client, seeded, prefix, value, suffix):
    assert_no_server_error(client, prefix + value + suffix, {})


@pytest.mark.django_db
@settings(max_examples=200, **SETTINGS)
@given(params=st.lists(st.tuples(st.sampled_from(PUBLICATION_FILTERS), hostile), min_size=1, max_size=6))
def test_no_query_string_breaks_the_publications_list(client, seeded, params):
    assert_no_server_error(client, "/en/publications/", params)


# The admin: every address it has, with ids filled in, as an editor, a publisher and a superuser.

ADMIN_HOSTILE = st.one_of(
    hostile,
    st.sampled_from(
        [
            "1' UNION SELECT password FROM auth_user --",
            "{{ settings.SECRET_KEY }}",
            "{% debug %}",
            "1,abc,2",
            "x" * 10_000,
            "-id",
            "999999999999999999999999",
            "status__exact=%00",
            "?_popup=1&_to_field=password",
            "2011-02-30",
        ]
    ),
)
ADMIN_PARAMETERS = [
    *["q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters", "_facets", "next", "unknown"],
    *["app_label", "model_name", "field_name", "term", "page", "old", "new", "id__in", "pk", "password"],
]


def admin_addresses():
    """Every named address of the admin, with its ids filled in from the records there are, and the names of the
    parameters its lists and forms read (filters, date hierarchy, the fields an add form is prefilled from)."""
    from django.contrib import admin
    from django.contrib.contenttypes.models import ContentType
    from django.urls import URLPattern, URLResolver, reverse

    from agencies.models import Agency

    def named(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from named(pattern.url_patterns)
            elif pattern.name:
                yield pattern

    def value(argument, model):
        first = model._default_manager.order_by("pk").first() if model else None
        if argument == "object_id":
            return str(first.pk) if first else "1"
        if argument == "version_id" and first is not None:
            version = model.history.filter(pk=first.pk).first()
            return str(version.history_id) if version else "1"
        if argument == "content_type_id":
            return str(ContentType.objects.get_for_model(Agency).pk)
        if argument == "app_label":
            return "agencies"
        if argument == "name":
            return "no-such-file.pdf"
        return "1"

    registry = admin.site._registry
    addresses, parameters = set(), set(ADMIN_PARAMETERS)
    site_patterns = [pattern for pattern in admin.site.get_urls() if isinstance(pattern, URLPattern)]
    owners = [(None, site_patterns), *((model, model_admin.get_urls()) for model, model_admin in registry.items())]
    for model, patterns in owners:
        for pattern in named(patterns):
            regex = pattern.pattern.regex  # a route's converters are named groups of its regex too
            if regex.groupindex:
                kwargs = {argument: value(argument, model) for argument in regex.groupindex}
                if model is None and "object_id" in kwargs:  # view on site: a member's page
                    kwargs["object_id"] = value("object_id", Agency)
                addresses.add(reverse(f"admin:{pattern.name}", kwargs=kwargs))
            else:  # django-simple-history's version page: unnamed groups
                args = [value(argument, model) for argument in ["object_id", "version_id"][: regex.groups]]
                addresses.add(reverse(f"admin:{pattern.name}", args=args))
    addresses.add(reverse("my_settings"))
    for model, model_admin in registry.items():
        parameters |= {field.name for field in model._meta.get_fields()}
        for list_filter in model_admin.list_filter:
            if isinstance(list_filter, (tuple, list)):
                list_filter = list_filter[0]
            if isinstance(list_filter, str):
                parameters |= {f"{list_filter}__{lookup}" for lookup in ["exact", "id__exact", "isnull", "gte", "lt"]}
            elif getattr(list_filter, "parameter_name", None):
                parameters.add(list_filter.parameter_name)
        if model_admin.date_hierarchy:
            parameters |= {f"{model_admin.date_hierarchy}__{part}" for part in ["year", "month", "day"]}
    return sorted(addresses), sorted(parameters)


def staff_clients(people):
    """An editor, a publisher, and a superuser for the accounts' and sign-in records' pages, which they may not see."""
    from django.test import Client

    from testing import staff_member

    clients = []
    for user in (people.editor, people.publisher, staff_member("admin")):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def give_each_record_a_version():
    """The seed is loaded without history; a save gives each kind's first record a version for its version page."""
    from django.contrib import admin

    for model in admin.site._registry:
        first = model._default_manager.order_by("pk").first()
        if first is not None and hasattr(model, "history"):
            first.save()


@pytest.mark.django_db
def test_no_query_string_breaks_an_admin_address(seeded, people):
    """Each address once with each kind of hostile query string, then Hypothesis's own mixtures: one seed for all."""
    from django.urls import reverse

    give_each_record_a_version()
    addresses, parameters = admin_addresses()
    clients = staff_clients(people)
    every_kind = [
        {"q": "\x00", "status__exact": "\x00"},
        {"q": "x" * 10_000},
        {"q": "' OR 1=1 --", "o": "{{ 1|add:1 }}", "p": "-1", "unknown": "%ff", "_changelist_filters": "q=\x01"},
        {"agency": "abc", "organiser": "1 OR 1=1", "topics": "1,abc", "starts_at__year": "-1", "e": "1"},
    ]
    for address in addresses:
        for client in clients:
            for params in every_kind:
                assert_no_server_error(client, address, params)
    autocomplete = {"app_label": "events", "model_name": "event", "field_name": "organiser"}
    for client in clients:
        for params in every_kind:
            assert_no_server_error(client, reverse("admin:autocomplete"), {**autocomplete, "term": "x", **params})

    @settings(max_examples=300, deadline=None)
    @given(
        address=st.sampled_from(addresses),
        client=st.sampled_from(clients),
        params=st.lists(st.tuples(st.sampled_from(parameters), ADMIN_HOSTILE), min_size=1, max_size=5),
    )
    def mixtures(address, client, params):
        if address == reverse("admin:autocomplete"):
            params = [*autocomplete.items(), *params]  # later values of a name win: hostile ones too
        assert_no_server_error(client, address, params)

    mixtures()


SIGN_IN_EXTRAS = ["next", "this_is_the_login_form", "csrfmiddlewaretoken", "unknown"]


@pytest.mark.django_db
@settings(max_examples=60, **SETTINGS)
@given(
    username=st.one_of(ADMIN_HOSTILE, st.text(min_size=150, max_size=2000)),
    password=ADMIN_HOSTILE,
    extra=st.lists(st.tuples(st.sampled_from(SIGN_IN_EXTRAS), ADMIN_HOSTILE), max_size=3),
)
def test_no_sign_in_form_breaks_the_admin(client, username, password, extra):
    from axes.models import AccessAttempt
    from django.urls import reverse

    AccessAttempt.objects.all().delete()  # each example signs in afresh, not into the lock-out of the examples before
    data = {"username": username, "password": password, **dict(extra)}
    try:
        response = client.post(reverse("admin:login"), data)
    except UnicodeEncodeError:
        return  # a string a browser cannot send (a lone surrogate)
    assert response.status_code < 500, (data, response.status_code)
