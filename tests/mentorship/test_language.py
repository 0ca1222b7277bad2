import pytest

from tests.factories import UserFactory


@pytest.mark.django_db
def test_site_is_swedish_even_when_the_browser_asks_for_english(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert '<html lang="sv">' in page
    assert "Mentorskapsprogram" in page


@pytest.mark.django_db
def test_switching_to_english_keeps_english_and_offers_swedish_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()

    assert '<html lang="en">' in page
    assert ">Svenska</button>" in page


@pytest.mark.django_db
def test_language_switch_is_remembered_for_the_persons_emails(client):
    person = UserFactory()
    client.force_login(person)

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    person.profile.refresh_from_db()
    assert person.profile.preferred_language == "en"


@pytest.mark.django_db
def test_logged_in_person_sees_their_preferred_language_without_a_cookie(client):
    person = UserFactory()
    person.profile.preferred_language = "en"
    person.profile.save()
    client.force_login(person)

    assert '<html lang="en">' in client.get("/dashboard/").content.decode()
