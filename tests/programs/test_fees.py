from decimal import Decimal

import pytest

from mentorship.models import User
from programs.models import Cohort
from programs.selectors import fee_report
from programs.services.screening import application_accept
from tests.demo_data import seed_demo
from tests.factories import CohortFactory, submit


@pytest.fixture
def demo(db):
    seed_demo()


@pytest.mark.django_db
def test_fee_report_of_the_001_program_totals_excl_and_incl_vat(demo):
    report = fee_report(Cohort.objects.get(program__slug="mentor-for-toppolitiker"))

    assert len(report.rows) == 22  # the mentees; mentors are free
    assert report.due == report.due_excl_vat == Decimal("176000")  # 22 x 8,000 excl. VAT
    assert report.due_incl_vat == Decimal("220000.00")
    assert report.vat == Decimal("44000.00")
    assert (report.paid, report.outstanding) == (Decimal("88000"), Decimal("88000"))


@pytest.mark.django_db(transaction=True)
def test_accepting_an_application_sets_the_programs_fee_for_the_role(db):
    cohort = CohortFactory(program__fee_per_mentee=5000, program__fee_per_mentee_max=8000)
    mentee = application_accept(application=submit(cohort))
    mentor = application_accept(application=submit(cohort, role="mentor"))

    assert mentee.participant.fee_amount == Decimal("5000")  # the range's lower end
    assert mentor.participant.fee_amount is None  # mentors are free here


@pytest.mark.django_db
def test_fee_report_page_is_for_the_programs_coordinators(demo, client):
    cohort = Cohort.objects.get(program__slug="mentorskap-for-medarbetare")
    url = f"/admin/programs/cohort/{cohort.pk}/fees/"

    client.force_login(User.objects.get(email="samordnare-nyanlanda@example.org"))
    assert client.get(url).status_code == 404
    client.force_login(User.objects.get(email="samordnare-myndigheter@example.org"))
    page = client.get(url).content.decode()

    assert "110\xa0000 SEK" in page  # 22 mentees x 5,000 SEK, the lower end of the range
    assert "137\xa0500 SEK" in page  # including 25 % VAT
