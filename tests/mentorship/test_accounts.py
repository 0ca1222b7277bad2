import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from mentorship.models import OutgoingEmail, User
from tests.factories import PASSWORD, UserFactory


def link_in(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


@pytest.mark.django_db(transaction=True)
def test_signup_sends_a_verification_email_through_the_queue_and_the_link_verifies(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "ny.person@example.org",
            "password1": "ett-langt-losenord-9",
            "password2": "ett-langt-losenord-9",
        },
    )

    assert response.status_code == 302
    stored = OutgoingEmail.objects.get(to="ny.person@example.org")
    assert stored.state == "sent"
    assert len(mail.outbox) == 1
    confirm = client.get(link_in(mail.outbox[0].body))
    client.post(confirm.request["PATH_INFO"])
    assert EmailAddress.objects.get(email="ny.person@example.org").verified


@pytest.mark.django_db(transaction=True)
def test_signup_with_a_taken_email_does_not_reveal_it_and_tells_the_owner(client):
    UserFactory(email="taken@example.org")

    response = client.post(
        "/accounts/signup/",
        {
            "email": "Taken@example.org",
            "password1": "ett-langt-losenord-9",
            "password2": "ett-langt-losenord-9",
        },
    )

    # The same answer as for a new address, so nobody learns who has an account...
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    # ...and the owner hears that someone tried.
    assert [m.to for m in mail.outbox] == [["taken@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_signup_with_mismatched_passwords_shows_the_error_and_keeps_the_email(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "ny@example.org", "password1": "ett-langt-losenord-9", "password2": "annat"},
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "is-invalid" in page
    assert 'value="ny@example.org"' in page
    assert not User.objects.filter(email="ny@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_password_reset_emails_a_link_that_sets_a_new_password(client):
    person = UserFactory(email="glomsk@example.org")

    client.post("/accounts/password/reset/", {"email": "glomsk@example.org"})

    assert [m.to for m in mail.outbox] == [["glomsk@example.org"]]
    form_page = client.get(link_in(mail.outbox[0].body), follow=True)
    client.post(
        form_page.request["PATH_INFO"],
        {"password1": "ett-nytt-losenord-7", "password2": "ett-nytt-losenord-7"},
    )
    person.refresh_from_db()
    assert person.check_password("ett-nytt-losenord-7")


@pytest.mark.django_db(transaction=True)
def test_login_by_emailed_code(client):
    person = UserFactory(email="kod@example.org")

    client.post("/accounts/login/code/", {"email": "kod@example.org"})
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[0].body, re.MULTILINE).group(
        1
    )
    client.post("/accounts/login/code/confirm/", {"code": code})

    assert client.get("/dashboard/").context["user"] == person
    assert "Hej från Mentorskap!" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_login_with_a_wrong_password_is_refused_and_keeps_the_email(client):
    UserFactory(email="anna@example.org")

    response = client.post("/accounts/login/", {"login": "anna@example.org", "password": "fel"})

    assert response.status_code == 200
    assert 'value="anna@example.org"' in response.content.decode()
    assert client.get("/dashboard/").status_code == 302
    assert PASSWORD  # the right one, which the factory set, was not used
