"""Setting up the cross-agency program (003) from an empty program, as a coordinator who
is no superuser, from the public call to published pairs, counting the forms: at most 8
(it took 15 plus 9 that only a superuser could do)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from matching.models import Match
from programs.models import Application, Nomination, Organisation, Program, Question
from programs.services.core import coordinator_add
from programs.services.intake import nomination_create
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in
from tests.factories import PASSWORD, CohortFactory, UserFactory, submit


class FormCounter:
    """Counts the forms the coordinator sends (every POST the browser makes from a page,
    not the fetches a page makes by itself)."""

    def __init__(self, page) -> None:
        self.sent: list[str] = []
        page.on("request", self._seen)

    def _seen(self, request) -> None:
        if request.method == "POST" and request.is_navigation_request():
            self.sent.append(request.url)


@pytest.mark.e2e
def test_003_from_an_empty_program_to_published_pairs_in_eight_forms(page, db):
    newcomer = UserFactory(email="samordnare@regionerna.example.se")
    coordinator_add(program=CohortFactory().program, user=newcomer)  # a coordinator elsewhere
    assert not newcomer.is_superuser
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, newcomer.email, PASSWORD)
    forms = FormCounter(page)

    # 1: the program, published.
    page.goto("/admin/programs/program/add/")
    page.get_by_label("Adressnamn").fill("mentorskap-i-regionerna")
    page.get_by_label("Namn (svenska):", exact=True).fill("Mentorskap i regionerna")
    page.get_by_label("Sammanfattning (svenska)").fill("Mentorskap mellan regionerna.")
    page.get_by_label("Beskrivning (svenska)").fill("Chefer möter chefer från en annan region.")
    page.get_by_label("Publicerat").check()
    page.get_by_role("button", name="Spara", exact=True).click()
    program = Program.objects.get(slug="mentorskap-i-regionerna")

    # 2: its first cohort, nominations only for both roles.
    page.goto("/admin/programs/cohort/add/")
    page.get_by_label("Program:").select_option(label="Mentorskap i regionerna")
    page.get_by_label("Namn (svenska):", exact=True).fill("Hösten 2028")
    page.get_by_label("Status:").select_option("recruiting")
    page.get_by_label("Börjar:").fill((timezone.localdate() + timedelta(days=60)).isoformat())
    page.get_by_label("Hur mentorer ansöker:").select_option("nomination")
    page.get_by_label("Hur adepter ansöker:").select_option("nomination")
    deadline = timezone.localdate() + timedelta(days=20)
    page.locator("#id_nomination_deadline_0").fill(deadline.isoformat())
    page.locator("#id_nomination_deadline_1").fill("23:59")
    page.get_by_role("button", name="Spara", exact=True).click()
    cohort = program.cohorts.get()
    expect(page.locator(".messagelist")).to_be_visible()

    # 3: the questions of both forms on one page, with their knock-outs.
    page.goto(f"/admin/programs/cohort/{cohort.pk}/hub/")
    page.get_by_role("link", name="Frågor i ansökan").click()
    first, second = (
        page.locator("fieldset[data-question]").nth(0),
        page.locator("fieldset[data-question]").nth(1),
    )
    first.get_by_label("Fråga (svenska)").fill("År som chef")
    first.get_by_label("Typ av svar").select_option(label="Tal")
    first.get_by_label("Ställs till").select_option(label="Bara mentorer")
    first.get_by_label("Behörig från").fill("5")
    second.get_by_label("Fråga (svenska)").fill("År i staten")
    second.get_by_label("Typ av svar").select_option(label="Tal")
    second.get_by_label("Ställs till").select_option(label="Bara adepter")
    second.get_by_label("Behörig från").fill("2")
    second.get_by_label("Behörig till och med").fill("5")
    page.get_by_role("button", name="Spara formuläret").click()
    expect(page.get_by_text("Ansökningsformuläret är sparat.")).to_be_visible()
    years_manager = Question.objects.get(program=program, role="mentor")
    years_state = Question.objects.get(program=program, role="mentee")

    # 4: the matching rules: mentor and mentee from different agencies.
    page.goto("/admin/matching/matchingpolicy/add/")
    page.get_by_label("Program:").select_option(label="Mentorskap i regionerna")
    page.get_by_label("Mentor och adept från olika organisationer").check()
    page.get_by_role("button", name="Spara", exact=True).click()

    # 5: the agencies' contact persons, invited from one pasted list.
    page.goto(f"/admin/programs/cohort/{cohort.pk}/hub/")
    page.get_by_role("link", name="Bjud in kontaktpersoner").click()
    page.get_by_label("Kontaktpersoner").fill(
        "Lena Kontakt, lena@region-a.example.se, Region A, HR-chef\n"
        "Omar Kontakt, omar@region-b.example.se, Region B"
    )
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Bjud in dem").click()
    expect(page.locator(".messagelist")).to_contain_text("2 kontaktpersoner inbjudna.")
    assert {m.to[0] for m in mail.outbox} >= {
        "lena@region-a.example.se",
        "omar@region-b.example.se",
    }
    assert len(forms.sent) == 5

    # The public page has no apply button; the contacts nominate, the nominees apply.
    page.goto(f"/programs/{program.slug}/")
    expect(page.get_by_role("link", name=re.compile("Ansök"))).to_have_count(0)
    from programs.models import OrganisationContact

    for contact in OrganisationContact.objects.filter(program=program).select_related(
        "organisation", "user"
    ):
        for role, years, question in (
            ("mentor", 8, years_manager),
            ("mentee", 3, years_state),
        ):
            nomination = nomination_create(
                cohort=cohort,
                organisation=contact.organisation,
                by=contact.user,
                role=role,
                first_name=role.capitalize(),
                last_name=contact.organisation.name,
                email=f"{role}@{contact.organisation.name.lower().replace(' ', '-')}.example.se",
                rank=1,
            )
            submit(
                cohort,
                role=role,
                email=nomination.email,
                answers={question.pk: years},
                nomination=nomination,
            )
    assert Application.objects.filter(cohort=cohort, is_eligible=True).count() == 4

    # 6: accept the four from the application list.
    page.goto(f"/admin/programs/application/?cohort__id__exact={cohort.pk}")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("accept_selected")
    page.get_by_role("button", name="Utför").click()
    expect(page.locator(".messagelist")).to_contain_text("4")

    # 7: run the matching; 8: publish, confirmed.
    page.goto(f"/admin/matching/board/{cohort.pk}/")
    page.get_by_role("button", name="Kör matchningen").click()
    expect(page.locator("tr.proposal").first).to_be_visible()
    page.get_by_role("link", name="Publicera matchningarna och presentera paren").click()
    page.get_by_role("button", name="Publicera och mejla 4 personer").click()
    expect(page.locator(".messagelist")).to_contain_text("matchningar publicerade")

    pairs = Match.objects.filter(cohort=cohort).select_related(
        "mentor__organisation", "mentee__organisation"
    )
    assert pairs.count() == 2
    assert all(pair.mentor.organisation_id != pair.mentee.organisation_id for pair in pairs)
    assert len(forms.sent) == 8, forms.sent
    assert Nomination.objects.filter(cohort=cohort).count() == 4
    assert Organisation.objects.filter(name__in=["Region A", "Region B"]).count() == 2
