"""Proposed changes to published records: an editor's change waits aside until a publisher publishes it."""

import io
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from agencies.models import Agency
from agencies.tests.factories import AgencyFactory
from core import proposals
from core.models import ChangeProposal, ProposalState
from core.publishing import Status
from events.tests.factories import EventFactory
from testing import agency_change_form, form_for, unchanged_form
from themes.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

NOTICE = "This record is public. Your changes are kept as a proposed change until a publisher accepts them"


def change_url(record):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])


def proposal_url(proposal):
    opts = proposal.content_type.model_class()._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_proposal", args=[proposal.object_id, proposal.pk])


def propose_account(client, agency, account):
    return client.post(change_url(agency), agency_change_form(agency, account_en=account))


# The model


def test_a_record_has_one_open_proposal_at_most(people):
    editor, _, _ = people
    agency = AgencyFactory()
    first = ChangeProposal.objects.create(record=agency, author=editor, based_on=agency.updated_at)
    second = ChangeProposal(record=agency, author=editor, based_on=agency.updated_at)
    with pytest.raises(ValidationError, match="already has an open proposed change"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    first.state = ProposalState.WITHDRAWN
    first.save()
    second.full_clean()
    second.save()  # a withdrawn or published proposal leaves room for a new one


def test_the_queue_lists_proposals_in_review_oldest_first_and_those_sent_back_to_their_author(people):
    editor, publisher, _ = people
    older, newer, draft = AgencyFactory(), AgencyFactory(), AgencyFactory()
    proposals_made = {}
    for agency in (older, newer, draft):
        proposals_made[agency] = proposals.propose(agency, {}, editor)
    proposals.submit(proposals_made[older], editor)
    proposals.submit(proposals_made[newer], editor)
    assert list(ChangeProposal.objects.in_review()) == [proposals_made[older], proposals_made[newer]]
    proposals.send_back(proposals_made[newer], publisher, "Shorter, please.")
    assert list(ChangeProposal.objects.sent_back_to(editor)) == [proposals_made[newer]]
    assert not ChangeProposal.objects.sent_back_to(publisher).exists()


def test_the_front_page_shows_proposals_with_the_others_and_the_emails_follow_each_step(client, people, mailoutbox):
    editor, publisher, as_ = people
    agency = AgencyFactory(account="Refugees and durable solutions.")
    propose_account(as_(editor), agency, "Refugees and lasting solutions.")
    proposal = ChangeProposal.objects.get()
    client.post(proposal_url(proposal), {"action": "submit"})
    assert [message.to for message in mailoutbox] == [[publisher.email]]
    assert proposal_url(proposal) in mailoutbox[0].body

    queue = {section.key: section.rows for section in as_(publisher).get(reverse("admin:index")).context["queue"]}
    [row] = queue["in_review"]
    assert (row.title, row.url, row.kind) == (str(agency), proposal_url(proposal), "proposed change to agency")

    client.post(proposal_url(proposal), {"action": "send_back", "comment": "Say which solutions."})
    assert mailoutbox[-1].to == [editor.email] and "Say which solutions." in mailoutbox[-1].body
    queue = {section.key: section.rows for section in as_(editor).get(reverse("admin:index")).context["queue"]}
    assert [(row.url, row.note) for row in queue["sent_back"]] == [(proposal_url(proposal), "Say which solutions.")]

    propose_account(client, agency, "Refugees and voluntary repatriation.")
    client.post(proposal_url(proposal), {"action": "submit"})
    as_(publisher).post(proposal_url(proposal), {"action": "publish"})
    assert mailoutbox[-1].to == [editor.email] and mailoutbox[-1].subject == f"Published: {agency}"
    assert len(mailoutbox) == 4


def test_the_front_page_costs_the_same_queries_however_many_proposals_wait(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    editor, publisher, as_ = people

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert as_(publisher).get(reverse("admin:index")).status_code == 200
        return len(queries)

    for _ in range(2):
        proposals.submit(proposals.propose(AgencyFactory(), {}, editor), editor)
    count()  # the first page of a test also reads the content types into Django's cache
    few = count()
    for _ in range(8):
        proposals.submit(proposals.propose(AgencyFactory(), {}, editor), editor)
    proposals.submit(proposals.propose(EventFactory(), {}, editor), editor)
    assert count() == few + 1  # the events' records: one query more for a second kind of record, not per proposal


def test_a_draft_takes_no_proposal_it_is_edited_directly(client, people):
    editor, _, as_ = people
    draft = AgencyFactory(status=Status.DRAFT)
    with pytest.raises(ValidationError, match="a draft is edited directly"):
        proposals.propose(draft, {}, editor)
    response = propose_account(as_(editor), draft, "Edited directly.")
    assert response.status_code == 302
    assert Agency.objects.get(pk=draft.pk).account == "Edited directly."
    assert not ChangeProposal.objects.exists()


# The editor


def test_an_editor_opens_a_published_record_editable_with_a_notice(client, people):
    editor, _, as_ = people
    agency = AgencyFactory()
    page = as_(editor).get(change_url(agency)).content.decode()
    assert NOTICE in page
    assert 'name="account_en"' in page  # a field to type in, not the read-only page
    assert 'name="status"' not in page  # publication stays the publisher's


def test_an_editors_change_is_kept_aside_and_the_public_page_stays_as_it_is(client, people):
    editor, _, as_ = people
    agency = AgencyFactory(account="The old account.")
    versions = agency.history.count()
    response = propose_account(as_(editor), agency, "The new account.")
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert (proposal.author, proposal.state, proposal.values["account_en"]) == (editor, "draft", "The new account.")
    agency.refresh_from_db()
    assert (agency.account, agency.status, agency.history.count()) == ("The old account.", Status.PUBLISHED, versions)
    client.logout()
    public = client.get(agency.get_absolute_url()).content.decode()
    assert "The old account." in public and "The new account." not in public


def test_the_editor_goes_on_from_their_proposal_and_may_withdraw_it(client, people):
    editor, _, as_ = people
    agency = AgencyFactory(account="The old account.")
    propose_account(as_(editor), agency, "The new account.")
    page = client.get(change_url(agency), follow=True).content.decode()
    assert "The new account." in page and "Withdraw" in page and "Submit for review" in page
    propose_account(client, agency, "The newer account.")
    proposal = ChangeProposal.objects.get()  # the same proposal, updated
    assert proposal.values["account_en"] == "The newer account."
    client.post(proposal_url(proposal), {"action": "withdraw"})
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    assert "The old account." in client.get(change_url(agency)).content.decode()


def test_a_save_that_changes_nothing_makes_no_proposal_and_one_changed_back_is_withdrawn(client, people):
    editor, _, as_ = people
    agency = AgencyFactory(account="The old account.")
    response = as_(editor).post(change_url(agency), agency_change_form(agency), follow=True)
    assert "Nothing was changed, so there is no change to propose" in response.content.decode()
    assert not ChangeProposal.objects.exists()
    event = EventFactory(status=Status.PUBLISHED)
    event.topics.add(TopicFactory())
    assert client.post(change_url(event), unchanged_form(client.get(change_url(event)))).status_code == 302
    assert not ChangeProposal.objects.exists()
    assert not LogEntry.objects.exists()  # the admin's log names no proposal that was not made
    propose_account(client, agency, "The new account.")
    response = client.post(change_url(agency), agency_change_form(agency, account_en="The old account."), follow=True)
    assert "Your proposed change now matches the live record, so it was withdrawn" in response.content.decode()
    assert ChangeProposal.objects.get().state == ProposalState.WITHDRAWN
    assert Agency.objects.get(pk=agency.pk).account == "The old account."


def test_an_editor_cannot_publish_their_own_proposal_or_withdraw_anothers(client, people, django_user_model):
    editor, _, as_ = people
    agency = AgencyFactory(account="The old account.")
    propose_account(as_(editor), agency, "The new account.")
    proposal = ChangeProposal.objects.get()
    client.post(proposal_url(proposal), {"action": "submit"})
    assert client.post(proposal_url(proposal), {"action": "publish"}).status_code == 403
    assert client.post(proposal_url(proposal), {"action": "send_back", "comment": "x"}).status_code == 403
    other = django_user_model.objects.create_user("other", is_staff=True)
    other.groups.set(editor.groups.all())
    assert as_(other).post(proposal_url(proposal), {"action": "withdraw"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IN_REVIEW
    assert Agency.objects.get(pk=agency.pk).account == "The old account."


def test_an_editor_still_cannot_save_a_published_record_another_way(client, people):
    editor, _, as_ = people
    topic = TopicFactory(status=Status.PUBLISHED, position=1)
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": topic.pk, "form-0-position": "9"}
    assert as_(editor).post(reverse("admin:themes_topic_changelist"), {**data, "_save": "Save"}).status_code == 403
    assert not ChangeProposal.objects.exists()


# The publisher


def test_a_publisher_sees_the_difference_and_sends_it_back_with_a_comment_the_editor_sees(client, people):
    editor, publisher, as_ = people
    agency = AgencyFactory(account="Refugees and durable solutions.")
    propose_account(as_(editor), agency, "Refugees and lasting solutions.")
    proposal = ChangeProposal.objects.get()
    client.post(proposal_url(proposal), {"action": "submit"})
    page = as_(publisher).get(proposal_url(proposal)).content.decode()
    assert (
        '<del><span class="visually-hidden">deleted: </span>durable</del>'
        '<ins><span class="visually-hidden">inserted: </span>lasting</ins>'
    ) in page
    assert "Publish this change" in page and "Send back" in page
    as_(publisher).post(proposal_url(proposal), {"action": "send_back", "comment": "  "})
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IN_REVIEW  # a comment is needed
    client.post(proposal_url(proposal), {"action": "send_back", "comment": "Say which solutions."})
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by, proposal.comment) == ("sent-back", publisher, "Say which solutions.")
    page = as_(editor).get(change_url(agency)).content.decode()
    assert "Say which solutions." in page and "Sent back by publishers" in page
    propose_account(client, agency, "Refugees and voluntary repatriation.")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT  # edited as asked: submitted again by the editor


def test_publishing_applies_the_change_once_in_the_history_by_the_publisher_naming_the_author(client, people):
    editor, publisher, as_ = people
    agency = AgencyFactory(account="The old account.", publish_from=None)
    versions = agency.history.count()
    propose_account(as_(editor), agency, "The new account.")
    proposal = ChangeProposal.objects.get()
    client.post(proposal_url(proposal), {"action": "submit"})
    response = as_(publisher).post(proposal_url(proposal), {"action": "publish"})
    assert response.status_code == 302
    agency.refresh_from_db()
    assert (agency.account, agency.status, agency.updated_by) == ("The new account.", Status.PUBLISHED, publisher)
    assert agency.history.count() == versions + 1
    latest = agency.history.first()
    assert latest.history_user == publisher
    assert latest.history_change_reason == "Proposed change by editors, published"
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("published", publisher)
    client.logout()
    assert "The new account." in client.get(agency.get_absolute_url()).content.decode()


def test_a_proposal_that_breaks_a_rule_of_the_live_records_is_not_published(client, people):
    editor, publisher, as_ = people
    taken = AgencyFactory(acronym="TAKEN")
    agency = AgencyFactory()
    propose_account(as_(editor), agency, "New.")
    proposal = ChangeProposal.objects.get()
    proposals.submit(proposal, editor)
    proposal.values["acronym"] = taken.acronym  # taken after the proposal was made
    proposal.save()
    page = as_(publisher).post(proposal_url(proposal), {"action": "publish"}, follow=True).content.decode()
    assert "Another member already uses this acronym." in page
    agency.refresh_from_db()
    assert agency.account != "New."
    assert ChangeProposal.objects.get().state == ProposalState.IN_REVIEW


def test_a_stale_proposal_says_so_and_differs_from_the_current_live_version(client, people):
    editor, publisher, as_ = people
    agency = AgencyFactory(summary="First summary.", account="The old account.")
    propose_account(as_(editor), agency, "The new account.")
    proposal = ChangeProposal.objects.get()
    agency.summary_en = "A publisher's summary."
    agency.save()
    # The editor saves their proposal again, as their form shows it: that does not hide what changed meanwhile.
    changed = agency_change_form(agency, summary_en="First summary.", account_en="The newer account.")
    client.post(change_url(agency), changed)
    assert "The live record was changed after this proposal was made" in client.get(change_url(agency)).content.decode()
    page = as_(publisher).get(proposal_url(proposal)).content.decode()
    assert "The live record was changed after this proposal was made" in page
    # Against the current live version: publishing the proposal would put the old summary back, and it says so.
    assert re.search(r"<del><span class=\"visually-hidden\">deleted: </span>[^<]*publisher&#x27;s[^<]*</del>", page)


def test_the_proposal_preview_shows_the_public_page_with_the_change(client, people):
    editor, publisher, as_ = people
    agency = AgencyFactory(account="The old account.")
    propose_account(as_(editor), agency, "The new account.")
    proposal = ChangeProposal.objects.get()
    url = reverse("admin:agencies_agency_proposal_preview", args=[agency.pk, proposal.pk])
    response = as_(publisher).get(url)
    assert "The new account." in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_the_proposal_preview_shows_proposed_relations_however_the_page_reads_them(client, people):
    """The topic's page asks for its published agencies (topic.agencies.published()), not .all()."""
    editor, publisher, as_ = people
    topic = TopicFactory(status=Status.PUBLISHED)
    old, new, draft = AgencyFactory(name="Old member"), AgencyFactory(name="New member"), AgencyFactory(status="draft")
    topic.agencies.set([old])
    proposal = proposals.propose(topic, {"agencies": [new.pk, draft.pk]}, editor)
    page = as_(publisher).get(reverse("admin:themes_topic_proposal_preview", args=[topic.pk, proposal.pk]))
    members = re.search(r'aria-labelledby="agencies-heading">.*?</section>', page.content.decode(), re.S).group(0)
    assert new.short_name in members and old.short_name not in members and draft.short_name not in members


def test_proposed_topics_wait_too_and_arrive_in_one_history_entry(client, people):
    editor, publisher, as_ = people
    old_topic, new_topic = TopicFactory(), TopicFactory()
    event = EventFactory(status=Status.PUBLISHED)
    event.topics.set([old_topic])
    versions = event.history.count()
    data = form_for(event, title="A better title", topics=[new_topic.pk])
    assert as_(editor).post(change_url(event), data).status_code == 302
    assert list(event.topics.all()) == [old_topic]
    proposal = ChangeProposal.objects.get()
    proposals.submit(proposal, editor)
    page = as_(publisher).get(proposal_url(proposal)).content.decode()
    assert str(new_topic) in page
    proposals.publish(proposal, publisher)
    event.refresh_from_db()
    assert (event.title, list(event.topics.all()), event.status) == ("A better title", [new_topic], Status.PUBLISHED)
    assert event.history.count() == versions + 1


def png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_a_proposed_logo_is_stored_anew_and_the_live_one_stays(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    editor, publisher, _ = people
    agency = AgencyFactory(logo=png("navy"), logo_alt="Navy logo")
    live_logo = agency.logo.name
    as_ = people[2]
    response = as_(editor).post(change_url(agency), agency_change_form(agency, logo=png("red"), logo_alt_en="Red logo"))
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    agency.refresh_from_db()
    assert agency.logo.name == live_logo
    assert proposal.values["logo"] not in ("", live_logo) and proposal.values["logo"].endswith(".png")
    assert "logo" not in proposal.values["logo"].rpartition("/")[2]  # a random name, not the uploader's
    assert (tmp_path / proposal.values["logo"]).exists() and (tmp_path / live_logo).exists()
    proposals.submit(proposal, editor)
    proposals.publish(proposal, publisher)
    agency.refresh_from_db()
    assert agency.logo.name == proposal.values["logo"]
    assert agency.logo_thumbnail.name == proposal.values["logo_thumbnail"]


# Reverting from the history


def revert_url(record, version):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[record.pk, version.history_id])


def test_an_editors_revert_of_a_published_record_becomes_a_proposed_change(client, people):
    editor, _, as_ = people
    event = EventFactory(status=Status.PUBLISHED, venue="First venue")
    first = event.history.first()
    event.venue_en = "Second venue"
    event.save()
    response = as_(editor).post(revert_url(event, first), form_for(event, venue="First venue"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.venue, event.status) == ("Second venue", Status.PUBLISHED)
    assert ChangeProposal.objects.get().values["venue_en"] == "First venue"


def test_a_revert_never_brings_back_an_old_publication(client, people):
    editor, publisher, as_ = people
    event = EventFactory(status=Status.DRAFT, venue="First venue")
    draft_version = event.history.first()
    event.status, event.venue_en = Status.PUBLISHED, "Second venue"
    event.save()
    proposals.propose(event, {}, editor)  # the record's one open proposal, which the publisher's revert takes over
    # The publisher's revert form starts from the live publication, not the version's draft status.
    form = as_(publisher).get(revert_url(event, draft_version)).context["adminform"].form
    assert form.initial["status"] == Status.PUBLISHED
    response = client.post(revert_url(event, draft_version), form_for(event, venue="First venue"))
    proposal = ChangeProposal.objects.get()
    assert response.url == proposal_url(proposal)  # asked whether to publish it
    assert (proposal.state, proposal.author) == (ProposalState.IN_REVIEW, publisher)
    assert proposal.values["venue_en"] == "First venue"
    event.refresh_from_db()
    assert (event.venue, event.status) == ("Second venue", Status.PUBLISHED)
    client.post(proposal_url(proposal), {"action": "publish"})
    event.refresh_from_db()
    assert (event.venue, event.status) == ("First venue", Status.PUBLISHED)
    # An editor's revert of a draft to a published version keeps it a draft.
    other = EventFactory(status=Status.PUBLISHED)
    published_version = other.history.first()
    other.status = Status.DRAFT
    other.save()
    response = as_(editor).post(revert_url(other, published_version), form_for(other))
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Status.DRAFT


def test_the_inlines_of_a_published_record_stay_as_they_are_when_an_editor_proposes(client, people):
    editor, _, as_ = people
    agency = AgencyFactory(kind="commission-group")
    data = agency_change_form(agency, account_en="Proposed.")
    data.update({"constituents-TOTAL_FORMS": "1", "constituents-0-acronym": "NEW", "constituents-0-name": "Added"})
    page = as_(editor).get(change_url(agency))
    assert page.context["inline_admin_formsets"][0].has_add_permission is False
    assert client.post(change_url(agency), data).status_code == 302
    assert not agency.constituents.exists()
    assert ChangeProposal.objects.get().values["account_en"] == "Proposed."
