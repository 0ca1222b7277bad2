from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from mentorship.models import User
from programs.enums import CohortState, IntakeMode, Role
from programs.models import Cohort, Organisation, Participant, Program

PASSWORD = "a-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted, **kwargs) -> None:
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Myndighet {n}")


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    slug = factory.Sequence(lambda n: f"program-{n}")
    name_sv = factory.Sequence(lambda n: f"Program {n}")
    name_en = factory.Sequence(lambda n: f"Program {n} (en)")
    summary_sv = "En sammanfattning."
    summary_en = "A summary."
    description_sv = "En beskrivning."
    intake_mode = IntakeMode.COHORT


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    name_sv = factory.Sequence(lambda n: f"Omgång {n}")
    state = CohortState.RECRUITING
    starts_on = factory.LazyFunction(lambda: date.today() + timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=300))
    application_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    application_closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    mentor_seats = 10
    mentee_seats = 10


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MENTEE


def submit(cohort, role="mentee", email=None, answers=None, profile=None, **kwargs):
    """Submit an application through the service, as the public form does."""
    import uuid

    from programs.services.intake import ApplicantDetails, application_submit

    email = email or f"applicant-{uuid.uuid4().hex[:8]}@example.org"
    application, _created = application_submit(
        cohort=cohort,
        role=role,
        details=ApplicantDetails(
            email=email, first_name="Ada", last_name="Sökande", profile=profile or {}
        ),
        answers=answers or {},
        consent_text="Vi sparar dina svar.",
        submission_token=kwargs.pop("submission_token", uuid.uuid4()),
        **kwargs,
    )
    return application


def pdf_bytes(text: str = "CV") -> bytes:
    """A real one-page PDF, as an applicant's CV would be."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
