from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from events.models import CheckIn, CheckInSchedule, Questionnaire, Session
from matching.models import Match
from programs.models import Diploma
from programs.services.completion import cohort_close, diplomas_issue
from programs.services.core import coordinator_add
from tests.factories import CohortFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def running():
    cohort = CohortFactory(
        state="running",
        starts_on=timezone.localdate() - timedelta(days=300),
        ends_on=timezone.localdate() + timedelta(days=20),
    )
    match = Match.objects.create(
        cohort=cohort,
        mentor=ParticipantFactory(cohort=cohort, role="mentor"),
        mentee=ParticipantFactory(cohort=cohort, role="mentee"),
        state="active",
        started_at=timezone.now() - timedelta(days=200),
    )
    Session.objects.create(
        match=match,
        starts_at=timezone.now() - timedelta(days=9),
        duration_minutes=90,
        state="held",
        actual_minutes=90,
    )
    evaluation = Questionnaire.objects.create(program=cohort.program, title_sv="Slututvärdering")
    CheckInSchedule.objects.create(questionnaire=evaluation, trigger="at_end")
    return cohort, match


def test_closing_completes_matches_and_sends_the_final_evaluation(running):
    cohort, match = running

    assert cohort_close(cohort=cohort, by=UserFactory()) == 1

    match.refresh_from_db()
    cohort.refresh_from_db()
    assert match.state == "completed" and cohort.state == "closed"
    assert cohort.ends_on == timezone.localdate()
    assert CheckIn.objects.filter(schedule__trigger="at_end").count() == 2


def test_diplomas_carry_hours_and_are_issued_once(running):
    cohort, _match = running
    cohort_close(cohort=cohort, by=UserFactory())

    first = diplomas_issue(cohort=cohort)
    again = diplomas_issue(cohort=cohort)

    assert len(first) == 2 and again == []
    assert {d.hours for d in Diploma.objects.all()} == {Decimal("1.5")}
    assert {d.meetings for d in Diploma.objects.all()} == {1}


def test_close_page_and_diplomas_are_refused_to_outsiders(running, client, other_coordinator):
    cohort, _match = running
    cohort_close(cohort=cohort, by=UserFactory())
    diploma = diplomas_issue(cohort=cohort)[0]

    client.force_login(other_coordinator)
    assert client.get(f"/admin/programs/cohort/{cohort.pk}/close/").status_code == 404
    assert client.get(f"/diplomas/{diploma.pk}/pdf/").status_code == 404
    coordinator = UserFactory()
    coordinator_add(program=cohort.program, user=coordinator)
    client.force_login(coordinator)
    assert client.get(f"/diplomas/{diploma.pk}/pdf/")["Content-Type"] == "application/pdf"


def test_diploma_prints_the_programs_logo_text_and_signature(running, settings, tmp_path):
    import io

    import pypdf
    from django.core.files.base import ContentFile
    from PIL import Image

    from programs.services.completion import diploma_pdf

    settings.MEDIA_ROOT = tmp_path
    cohort, _match = running
    png = io.BytesIO()
    Image.new("RGB", (120, 40), (29, 59, 52)).save(png, format="PNG")
    program = cohort.program
    program.diploma_logo.save("logo.png", ContentFile(png.getvalue()), save=False)
    program.diploma_text_sv = "har genomfört entreprenörsprogrammet med glans."
    program.diploma_signature = "Eva Ek, verksamhetschef"
    program.save()
    cohort_close(cohort=cohort, by=UserFactory())
    diploma = diplomas_issue(cohort=cohort)[0]

    reader = pypdf.PdfReader(io.BytesIO(diploma_pdf(diploma)))
    page = reader.pages[0]
    root = reader.trailer["/Root"]
    # Tagged for screen readers (PDF/UA), in the diploma's language.
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "sv"
    # One page, with a QR code to the verification page, named for a screen reader.
    assert len(reader.pages) == 1
    names = []

    def alt_texts(node) -> None:
        node = node.get_object()
        if "/Alt" in node:
            names.append(str(node["/Alt"]))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, pypdf.generic.IndirectObject | pypdf.generic.DictionaryObject):
                alt_texts(kid)

    alt_texts(root["/StructTreeRoot"])
    assert any("QR" in name for name in names)

    assert len(page.images) == 1
    text = page.extract_text()
    assert "med glans" in text and "Eva Ek, verksamhetschef" in text
