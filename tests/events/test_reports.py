"""A participant reports to the coordinator during the year (004)."""

import pytest
from django.utils import timezone

from events.enums import ContactKind
from events.models import ContactLog
from mentorship.models import OutgoingEmail
from programs.personal_data import personal_data
from programs.services.core import coordinator_add
from tests.factories import ParticipantFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


@pytest.fixture
def coordinator_of(pair):
    user = UserFactory(is_staff=True, email="cora@example.org")
    coordinator_add(program=pair.cohort.program, user=user)
    return user


def test_a_call_for_help_reaches_the_coordinators_list_health_page_and_inbox(
    client, pair, coordinator_of
):
    client.force_login(pair.mentee.user)
    response = client.post(
        f"/matches/{pair.pk}/report/",
        {"went_well": "We meet every month", "needs_help": "My mentor is often late"},
    )
    assert response.status_code == 302
    report = ContactLog.objects.get(kind=ContactKind.REPORT)
    assert report.participant == pair.mentee and report.next_follow_up == timezone.localdate()
    assert "My mentor is often late" in report.note
    assert OutgoingEmail.objects.filter(to="cora@example.org", template="report_help").count() == 1
    client.force_login(coordinator_of)
    health = client.get(f"/admin/programs/cohort/{pair.cohort_id}/health/").content.decode()
    assert "My mentor is often late" in health
    home = client.get("/admin/").content.decode()
    assert "1 follow-up due" in home  # on the coordinator's list for today
    # The mentor, the pair's partner, never reads it.
    client.force_login(pair.mentor.user)
    assert "often late" not in client.get(f"/matches/{pair.pk}/").content.decode()
    # It is the mentee's data.
    exported = personal_data(pair.mentee.user)
    assert "often late" in exported["reports_to_the_coordinator"][0]["text"]


def test_a_report_that_says_nothing_is_refused_and_an_outsider_cannot_send_one(client, pair):
    client.force_login(pair.mentor.user)
    response = client.post(f"/matches/{pair.pk}/report/", {"went_well": " ", "needs_help": ""})
    assert "Write what goes well" in response.content.decode()
    client.force_login(ParticipantFactory(cohort=pair.cohort, role="mentee").user)
    assert client.post(f"/matches/{pair.pk}/report/", {"went_well": "Hi"}).status_code == 404
    client.logout()
    assert client.post(f"/matches/{pair.pk}/report/", {"went_well": "Hi"}).status_code == 302
    assert not ContactLog.objects.exists()


def test_a_report_without_a_call_for_help_emails_nobody(client, pair, coordinator_of):
    client.force_login(pair.mentor.user)
    client.post(f"/matches/{pair.pk}/report/", {"went_well": "All good", "needs_help": ""})
    report = ContactLog.objects.get()
    assert report.next_follow_up is None
    assert not OutgoingEmail.objects.filter(template="report_help").exists()
