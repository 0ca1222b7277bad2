"""Issue 19, part 5: English is English and Swedish is Swedish. Every page each persona
reaches by following links, and every email the platform sends, is read in both
languages; an English one must hold no Swedish word of the glossary (DOMAIN.md), a
Swedish one none of the English interface words. Text marked with another `lang` (a
Swedish name typed in its Swedish box, an applicant's own answer) is that language's, and
is left out, as a screen reader would read it in its own language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from events.models import Meetup, Rsvp, Session
from events.services.meetups import meetup_invite
from events.tasks import reminders_sweep_task
from matching.enums import MatchState
from matching.models import Match
from mentorship.models import OutgoingEmail, User
from mentorship.services import _render_bodies
from programs.models import Application, Interview, Nomination, Organisation, Profile
from programs.services.completion import cohort_close, diplomas_issue
from tests.demo_data import seed_demo

# The glossary's Swedish words, as they show in a sentence (with their endings).
SWEDISH = re.compile(
    r"\b(adept\w*|omgång\w*|intresseanmälan\w*|ansökan\w*|ansökningar\w*|kravprofil\w*|"
    r"myndighet\w*|medlemsföreträdare\w*|kontaktperson\w*|först till kvarn|intervju\w*|"
    r"matchning\w*|överenskommelse\w*|moraliskt kontrakt|\w*träff\w*|internat\w*|"
    r"uppstart\w*|uppföljning\w*|avstämning\w*|diplom|diplomet|diplomen|"
    r"självkostnadspris|moms|och|för|med|inte|eller|deltagare\w*|samordnare\w*|"
    r"sök|spara|logga)\b",
    re.IGNORECASE,
)
# The interface's English words for the same things, and the commonest small words.
ENGLISH = re.compile(
    r"\b(mentees?|cohorts?|applications?|applicants?|requirement profile|"
    r"interviews?|agreements?|meetups?|residential|kick-off|half-day|"
    r"follow-ups?|check-ins?|diplomas?|fee at cost|excl\. VAT|the|and|with|without|"
    r"search|save|delete|meetings?|participants?|coordinators?|log out|sign in)\b",
    re.IGNORECASE,
)
WORDS = {"en": SWEDISH, "sv": ENGLISH}

# Not pages: downloads, state changes behind links, the endless variants of a list.
SKIP = re.compile(
    r"(logout|/delete/|/history/|\.ics|\.pdf|/file/|/photo/|/export|/download|/feed|"
    r"/static/|/media/|/i18n/|/print|/calendar|/autocomplete|/jsi18n|/r/\d+/|\.json|"
    r"/my-data|/password/|/email/|/2fa/|/reauthenticate/|/login/code/|/social/|"
    r"/accounts/|/admin/mentorship/outgoingemail/\d)"
)
# What a person typed is theirs, in whatever language: names, addresses, links.
EMAIL_OR_LINK = re.compile(r"[\w.+-]+@[\w.-]+|https?://\S+")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


class PageText(HTMLParser):
    """The text a reader meets on a page, without what is marked as another language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.page_language = ""
        self.parts: list[str] = []
        self.hidden = 0  # inside <script>, <style> or <template>

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}  # fmt: skip

    def language(self) -> str:
        for _tag, lang in reversed(self.stack):
            if lang:
                return lang[:2]
        return self.page_language

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "html":
            self.page_language = (attrs.get("lang") or "")[:2]
            return
        if tag in ("script", "style", "template"):
            self.hidden += 1
        lang = attrs.get("lang")
        if tag not in self.VOID:
            self.stack.append((tag, lang))
        if (lang or self.language())[:2] == self.page_language:
            self.parts += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(attrs["value"])

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style", "template"):
            self.hidden = max(0, self.hidden - 1)
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data) -> None:
        if not self.hidden and self.language() == self.page_language:
            self.parts.append(data)


def wrong_words(text: str, language: str, names: list[str]) -> list[str]:
    text = " ".join(EMAIL_OR_LINK.sub(" ", text).split())
    for name in names:
        text = text.replace(name, " ")
    # Each word with what stands around it, to find it on the page.
    return sorted(
        {
            f"{m.group(0)!r} in “{text[max(0, m.start() - 30) : m.end() + 30]}”"
            for m in WORDS[language].finditer(text)
        }
    )


def page_words(html: str, language: str, names: list[str]) -> tuple[str, list[str]]:
    parser = PageText()
    parser.feed(html)
    return parser.page_language, wrong_words(" ".join(parser.parts), language, names)


def crawl(client: Client, start: str, limit: int, language: str, names: list[str]):
    """Follow same-site links breadth first from `start`; the pages read and the wrong
    words found on each."""
    queue, seen, visited, found = [start], {start}, [], {}
    while queue and len(visited) < limit:
        path = queue.pop(0)
        response = client.get(path, follow=True)
        if response.status_code >= 400 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        visited.append(path)
        page_language, words = page_words(html, language, names)
        assert page_language == language, (path, page_language)
        if words:
            found[path] = words
        for href in re.findall(r'href="([^"#]+)', html):
            link = urlsplit(href.replace("&amp;", "&"))
            if link.netloc or not link.path.startswith("/") or SKIP.search(link.path):
                continue
            if link.path not in seen:
                seen.add(link.path)
                queue.append(link.path)
    return visited, found


def proper_names() -> list[str]:
    """People's and organisations' names, and what people wrote about themselves (their
    title, a few words): the same in every language."""
    names = [o.name for o in Organisation.objects.all()]
    for user in User.objects.select_related("profile"):
        names += [user.get_full_name(), user.first_name, user.last_name]
        names += [user.profile.title, *user.profile.bio.splitlines()]
    return sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True)


PERSONAS = {
    "visitor": (None, "/", 20),
    "mentee": ("adept@myndigheter.example.se", "/dashboard/", 25),
    "mentor": ("mentor@myndigheter.example.se", "/dashboard/", 25),
    "coordinator": ("samordnare-myndigheter@example.org", "/admin/", 70),
}


@pytest.fixture
def demo(db):
    seed_demo()


def test_every_page_each_persona_reaches_is_in_one_language(demo, settings):
    """One demo for every persona and both languages (seeding it is the slow part)."""
    names, found, report = proper_names(), {}, {}
    for language in ("en", "sv"):
        for persona, (email, start, limit) in PERSONAS.items():
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            if email:
                client.force_login(User.objects.get(email=email))
            visited, wrong = crawl(client, start, limit, language, names)
            report[f"{persona} ({language})"] = len(visited)
            found.update({f"{language} {path}": words for path, words in wrong.items()})
    assert min(report.values()) >= 10, report
    assert found == {}, found


# --- Emails -------------------------------------------------------------------------


def email_words(subject: str, text: str, html: str, language: str, names) -> list[str]:
    html_language, in_html = page_words(html, language, names)
    assert html_language == language, html_language
    return sorted({*wrong_words(f"{subject} {text}", language, names), *in_html})


def every_email_template() -> list[str]:
    folder = settings.BASE_DIR / "templates" / "emails"
    return sorted(p.stem for p in folder.glob("*.txt") if p.stem not in ("base", "plain"))


def demo_context() -> dict:
    """What the emails are written about, from the demo: one of each thing."""
    match = Match.objects.select_related("cohort__program", "mentor__user", "mentee__user").first()
    mentor, mentee = match.mentor.user, match.mentee.user
    meetup = Meetup.objects.prefetch_related("items").select_related("cohort__program").first()
    return {
        "program": match.cohort.program,
        "cohort": match.cohort,
        "match": match,
        "match_id": match.pk,
        "person": mentee,
        "receiver": mentee,
        "name": mentee.first_name,
        "other": mentor,
        "other_profile": Profile.objects.get(user=mentor),
        "other_organisation": mentor.profile.organisation,
        "mentor": mentor,
        "mentee": mentee,
        "mentee_profile": mentee.profile,
        "meetup": meetup,
        "session": Session.objects.first(),
        "sessions": list(Session.objects.all()[:2]),
        "interview": Interview.objects.first(),
        "application": Application.objects.first(),
        "nomination": Nomination.objects.first(),
        "organisation": Organisation.objects.first(),
        "request": SimpleNamespace(pk=1, message=""),
        "contact_id": 1,
        "count": 2,
        "senders": mentor.get_full_name(),
        "title": meetup,
        "role": "mentor",
        "role_label": "Mentor",
        "position": 3,
        "days": 3,
        "deadline": timezone.localdate(),
        "when": timezone.now(),
        "verify": "/diploma/x/",
        "dashboard_url": "/dashboard/",
        "apply_url": "/apply/",
        "confirm_url": "/confirm/",
        "login_url": "/accounts/login/",
        "password_url": "/password/",
        "link": "/",
    }


def test_every_email_template_is_in_one_language(demo):
    names, context = proper_names(), demo_context()
    found = {}
    for language in ("en", "sv"):
        for template in every_email_template():
            with translation.override(language):
                text, html = _render_bodies(template, context, language)
            words = email_words("", text, html, language, names)
            if words:
                found[f"{language} {template}"] = words
    assert len(every_email_template()) >= 30
    assert found == {}, found


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_emails_a_cohort_gets_are_in_its_people_s_language(
    demo, language, django_capture_on_commit_callbacks
):
    """Invitations, reminders, the digest and the diplomas, really queued and sent: their
    subjects name the program, the meetup and the cohort in the reader's language."""
    Profile.objects.update(preferred_language=language)
    meetup = Meetup.objects.filter(cohort__participants__isnull=False).first()
    Rsvp.objects.filter(meetup=meetup).delete()
    cohort = Match.objects.filter(state=MatchState.ACTIVE).first().cohort
    start = OutgoingEmail.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        meetup_invite(meetup=meetup)
        reminders_sweep_task(digest=True)
        cohort_close(cohort=cohort, by=cohort.program.coordinators.first())
        diplomas_issue(cohort=cohort)
    emails = list(OutgoingEmail.objects.order_by("pk")[start:])
    templates = {email.template for email in emails}
    assert {"meetup_invite", "diploma_issued"} <= templates, templates
    names = proper_names()
    found = {}
    for email in emails:
        assert email.language == language
        words = email_words(email.subject, email.body_text, email.body_html, language, names)
        if words:
            found[f"{email.template}: {email.subject}"] = words
    assert found == {}, found
