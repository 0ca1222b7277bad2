"""The accessibility statement and the branded error pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_accessibility_statement_is_linked_from_every_footer_in_both_languages(client, settings):
    home = client.get("/").content.decode()
    assert 'href="/accessibility/"' in home
    swedish = client.get("/accessibility/").content.decode()
    assert "Tillgänglighetsredogörelse" in swedish and settings.ACCESSIBILITY_CONTACT in swedish
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/accessibility/").content.decode()
    assert "Accessibility statement" in english and "DIGG" in english
    assert "Tillgänglighet" not in english


def test_a_missing_page_is_the_sites_own_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_a_server_error_shows_the_sites_own_500(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    import mentorship.urls as site

    settings.ROOT_URLCONF = type(
        "Urls", (), {"urlpatterns": [path("broken/", broken), *site.urlpatterns]}
    )
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
