"""A coordinator, not a superuser, invites an organisation's contact person by name and
email, and enters nominations that reach the nominee."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from mentorship.models import User
from programs.enums import IntakeChannel
from programs.models import Nomination, OrganisationContact
from programs.services.core import coordinator_add
from tests.factories import CohortFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the emails go out on commit

ADD_CONTACT = "/admin/programs/organisationcontact/add/"


@pytest.fixture
def setting():
    cohort = CohortFactory(mentee_intake=IntakeChannel.NOMINATION)
    coordinator = UserFactory()
    coordinator_add(program=cohort.program, user=coordinator)
    organisation = OrganisationFactory(name="Skatteverket")
    organisation.programs.add(cohort.program)  # on the program's list of organisations
    return cohort, coordinator, organisation


def _invite(client, cohort, organisation, email="lena.kontakt@example.org"):
    return client.post(
        ADD_CONTACT,
        {
            "first_name": "Lena",
            "last_name": "Kontakt",
            "email": email,
            "organisation": organisation.pk,
            "program": cohort.program_id,
            "title": "HR-chef",
        },
    )


def test_coordinator_invites_a_contact_who_sets_a_password_and_finds_the_nomination_form(
    client, setting
):
    cohort, coordinator, organisation = setting
    client.force_login(coordinator)

    response = _invite(client, cohort, organisation)

    assert response.status_code == 302
    contact = OrganisationContact.objects.get()
    assert (contact.user.email, contact.organisation, contact.program) == (
        "lena.kontakt@example.org",
        organisation,
        cohort.program,
    )
    assert not contact.user.has_usable_password() and not contact.user.is_staff
    [invitation] = mail.outbox
    assert invitation.to == ["lena.kontakt@example.org"]
    assert "Skatteverket" in invitation.body and coordinator.get_full_name() in invitation.body
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", invitation.body)

    client.logout()
    form = client.get(link.group(1), follow=True)
    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(1),
        {"password1": "ett-nytt-losenord-9", "password2": "ett-nytt-losenord-9"},
    )
    # The link reached the address: it counts as verified, so allauth lets her log in.
    assert EmailAddress.objects.get(email="lena.kontakt@example.org").verified
    assert client.login(email="lena.kontakt@example.org", password="ett-nytt-losenord-9")
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert reverse("nominate", kwargs={"slug": cohort.program.slug, "cohort_id": cohort.pk}) in (
        dashboard
    )


def test_inviting_the_same_contact_twice_keeps_one_and_sends_one_email(client, setting):
    cohort, coordinator, organisation = setting
    client.force_login(coordinator)

    _invite(client, cohort, organisation)
    again = _invite(client, cohort, organisation, email="LENA.kontakt@example.org")

    assert again.status_code == 200
    assert "redan kontaktperson" in again.content.decode()
    assert 'value="Lena"' in again.content.decode()  # the other answers are kept
    assert OrganisationContact.objects.count() == 1 and len(mail.outbox) == 1
    assert User.objects.filter(email__iexact="lena.kontakt@example.org").count() == 1


def test_an_existing_account_is_invited_without_a_password_link(client, setting):
    cohort, coordinator, organisation = setting
    person = UserFactory(email="finns@example.org")
    client.force_login(coordinator)

    _invite(client, cohort, organisation, email="finns@example.org")

    assert OrganisationContact.objects.get().user == person
    assert "/accounts/password/reset/key/" not in mail.outbox[0].body
    assert person.check_password  # the account keeps its password
    person.refresh_from_db()
    assert person.has_usable_password()


def test_a_contact_for_an_organisation_not_yet_listed_adds_it_to_the_program(client, setting):
    cohort, coordinator, _organisation = setting
    client.force_login(coordinator)

    response = client.post(
        ADD_CONTACT,
        {
            "first_name": "Tor",
            "last_name": "Trafik",
            "email": "tor@example.org",
            "new_organisation": "  Trafikverket ",
            "program": cohort.program_id,
        },
    )

    assert response.status_code == 302
    contact = OrganisationContact.objects.get()
    assert contact.organisation.name == "Trafikverket"
    assert cohort.program in contact.organisation.programs.all()
    missing = client.post(
        ADD_CONTACT,
        {
            "first_name": "Ada",
            "last_name": "A",
            "email": "a@example.org",
            "program": cohort.program_id,
        },
    )
    assert "Välj organisationen" in missing.content.decode()


def test_another_programs_coordinator_cannot_invite_into_this_program(client, setting):
    cohort, _coordinator, organisation = setting
    stranger = UserFactory()
    coordinator_add(program=CohortFactory().program, user=stranger)
    client.force_login(stranger)

    response = _invite(client, cohort, organisation)

    assert response.status_code == 200  # the form again, with the program refused
    assert OrganisationContact.objects.count() == 0 and mail.outbox == []


def test_participant_and_anonymous_cannot_open_the_invitation_form(client, setting):
    cohort, _coordinator, organisation = setting
    assert client.get(ADD_CONTACT).status_code == 302
    client.force_login(UserFactory())
    assert client.get(ADD_CONTACT).status_code in (302, 403)
    assert _invite(client, cohort, organisation).status_code in (302, 403)
    assert OrganisationContact.objects.count() == 0


def test_a_nomination_the_coordinator_enters_emails_the_nominee_their_link(client, setting):
    cohort, coordinator, organisation = setting
    client.force_login(coordinator)

    response = client.post(
        "/admin/programs/nomination/add/",
        {
            "cohort": cohort.pk,
            "role": "mentee",
            "organisation": organisation.pk,
            "first_name": "Nils",
            "last_name": "Nominerad",
            "email": "nils@example.org",
            "rank": 1,
            "note": "",
        },
    )

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.nominated_by == coordinator
    [invite] = mail.outbox
    assert invite.to == ["nils@example.org"]
    assert reverse("nomination_apply", kwargs={"token": nomination.token}) in invite.body


def _invite_many(client, cohort, text):
    return client.post(reverse("contacts_invite", args=[cohort.program_id]), {"people": text})


def test_a_pasted_list_invites_each_agencys_contact_once(client, setting):
    cohort, coordinator, _organisation = setting
    client.force_login(coordinator)
    text = (
        "Lena Kontakt, lena@skatteverket.example.se, Skatteverket, HR-chef\n"
        "\n"
        "Per Olof Persson; per@fk.example.se; Försäkringskassan\n"
        "Lena Kontakt, lena@skatteverket.example.se, skatteverket\n"  # pasted twice
    )

    response = _invite_many(client, cohort, text)

    assert response.status_code == 302
    contacts = OrganisationContact.objects.filter(program=cohort.program).select_related(
        "user", "organisation"
    )
    assert {(c.user.get_full_name(), c.organisation.name) for c in contacts} == {
        ("Lena Kontakt", "Skatteverket"),
        ("Per Olof Persson", "Försäkringskassan"),
    }
    assert contacts.get(user__email="lena@skatteverket.example.se").title == "HR-chef"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lena@skatteverket.example.se",
        "per@fk.example.se",
    ]
    assert cohort.program.listed_organisations.filter(name="Försäkringskassan").exists()

    page = client.get(response["Location"]).content.decode()
    assert "2 kontaktpersoner inbjudna." in page
    response = _invite_many(client, cohort, text)  # submitted again
    assert len(mail.outbox) == 2
    assert "2 var redan kontaktpersoner" in client.get(response["Location"]).content.decode()


def test_a_wrong_line_is_named_and_nobody_is_invited(client, setting):
    cohort, coordinator, _organisation = setting
    client.force_login(coordinator)
    text = (
        "Lena Kontakt, lena@skatteverket.example.se, Skatteverket\n"
        "Per, inte-en-adress, FK\n"
        "Bo Ek, bo@x.se"
    )

    response = _invite_many(client, cohort, text)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Rad 2: ”inte-en-adress” är ingen e-postadress." in page
    assert "Rad 3: skriv namn, e-post och organisation, åtskilda med kommatecken." in page
    assert "lena@skatteverket.example.se" in page  # the list is kept
    assert not OrganisationContact.objects.exists() and not mail.outbox


@pytest.mark.parametrize("who", ["other", "contact", "anonymous"])
def test_only_the_programs_coordinator_invites_a_list(client, setting, who):
    cohort, _coordinator, organisation = setting
    if who == "other":
        other = UserFactory()
        coordinator_add(program=CohortFactory().program, user=other)
        client.force_login(other)
    elif who == "contact":
        contact = UserFactory()
        OrganisationContact.objects.create(
            user=contact, organisation=organisation, program=cohort.program
        )
        client.force_login(contact)
    response = _invite_many(client, cohort, "Ny Person, ny@example.org, Skatteverket")
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    assert not OrganisationContact.objects.filter(user__email="ny@example.org").exists()
    assert not mail.outbox
