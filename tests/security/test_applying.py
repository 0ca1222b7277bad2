"""Issue 12, defect 6: the public form never says whether an address applied, and an
application filed for someone else's account counts only once its owner confirms."""

import re
import uuid

import pytest

from mentorship.models import OutgoingEmail
from programs.enums import ApplicationState
from programs.models import Application
from tests.factories import UserFactory, submit

pytestmark = pytest.mark.django_db(transaction=True)


def post(client, cohort, email):
    return client.post(
        f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentee/",
        {
            "first_name": "Ebba",
            "last_name": "Busch",
            "email": email,
            "preferred_language": "sv",
            "consent": "on",
            "submission_token": str(uuid.uuid4()),
        },
        follow=True,
    )


def visible(response) -> str:
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r"/apply/thanks/[0-9a-f-]+/", "", main)


def test_public_form_says_nothing_about_whether_an_address_applied(client, cohort):
    submit(cohort, email="applied@example.org")
    UserFactory(email="has-account@example.org")

    already = post(client, cohort, "applied@example.org")
    account = post(client, cohort, "has-account@example.org")
    fresh = post(client, cohort, "first-time@example.org")

    assert visible(already) == visible(account) == visible(fresh)
    assert "redan ansökt" not in visible(already)
    # The owner is told, by email, once.
    assert (
        OutgoingEmail.objects.filter(to="applied@example.org", template="application_again").count()
        == 1
    )


def test_application_in_another_persons_name_counts_only_after_the_owner_confirms(client, cohort):
    owner = UserFactory(email="owner@example.org", first_name="Olga")

    post(client, cohort, "owner@example.org")

    application = Application.objects.get(user=owner)
    assert application.state == ApplicationState.UNCONFIRMED
    assert application.seat_number is None
    assert owner.first_name == "Olga"  # the impostor's name did not reach the profile
    email = OutgoingEmail.objects.get(to="owner@example.org", template="application_confirm")
    link = re.search(r"/apply/confirm/[^/\s]+/", email.body_text).group(0)
    assert not OutgoingEmail.objects.filter(template="application_received").exists()

    page = client.get(link)
    assert page.status_code == 200
    application.refresh_from_db()
    assert application.state == ApplicationState.UNCONFIRMED  # a GET only asks

    client.post(link)
    client.post(link)  # twice: once
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert OutgoingEmail.objects.filter(template="application_received").count() == 1


def test_forged_confirmation_link_is_refused(client, cohort):
    owner = UserFactory(email="owner@example.org")
    post(client, cohort, "owner@example.org")

    response = client.post("/apply/confirm/1:forged:signature/")

    assert response.status_code == 404
    assert Application.objects.get(user=owner).state == ApplicationState.UNCONFIRMED


def test_owner_logged_in_replaces_what_someone_else_filed_for_them(client, cohort):
    owner = UserFactory(email="owner@example.org")
    post(client, cohort, "owner@example.org")
    client.force_login(owner)

    post(client, cohort, "owner@example.org")

    application = Application.objects.get(user=owner)
    assert application.state == ApplicationState.SUBMITTED
