from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.enums import Language
from mentorship.history import tracked
from mentorship.models import TimeStampedModel, localized
from programs.enums import (
    Booker,
    Cadence,
    CohortState,
    IntakeChannel,
    IntakeMode,
    LanguageSpoken,
    NominationSeat,
    OrganisationKind,
    ParticipantState,
    Profession,
    Region,
    Role,
    SeatRule,
    TimeSlot,
)

STANDARD_PRIVACY_NOTICE = _(
    "We store the answers in this application to run the program: to screen applications, "
    "match mentors and mentees and follow up the program. Only the program's coordinators "
    "read them; sensitive answers (such as health or ethnic background) are never shown to "
    "other participants. Your match sees your name, organisation and contact details. We keep "
    "an application that is not accepted for a limited time after the cohort ends and then "
    "erase it. You can see, download and withdraw your application and ask for your data to "
    "be erased at any time from your dashboard."
)


def normalised_name(expression: models.Expression) -> models.Func:
    """An organisation's name as compared: lower case, punctuation and runs of spaces as
    one space, trimmed ("Skatteverket", " skatteverket. " and "SKATTEVERKET" are one).
    The one definition: the stored key and every lookup use it."""
    spaced = models.Func(
        expression,
        models.Value(r"[[:punct:][:space:]]+"),
        models.Value(" "),
        models.Value("g"),
        function="regexp_replace",
        output_field=models.CharField(),
    )
    return models.Func(Lower(spaced), function="btrim", output_field=models.CharField())


@tracked()
class Organisation(TimeStampedModel):
    """An agency, party, municipality or company that sends or hosts participants.

    One row per agency: the database refuses a second name that differs only in case,
    spacing or punctuation. `programs` are the programs whose coordinators added it to
    their list (the others that use it are found through its people; see
    programs.selectors.organisations_of)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_key = models.GeneratedField(
        expression=normalised_name(F("name")),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    programs = models.ManyToManyField(
        "programs.Program",
        verbose_name=_("listed in programs"),
        blank=True,
        related_name="listed_organisations",
        help_text=_("The programs whose application form offers it."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    org_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    invoice_reference = models.CharField(
        _("reference on invoices"),
        max_length=100,
        blank=True,
        help_text=_("The buyer's reference a public body asks for on every e-invoice."),
    )
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Single sign-on: people whose email address is at one of these domains log in
    # through the organisation's OpenID Connect or SAML provider (mentorship.sso).
    sso_domains = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("email domains for single sign-on"),
        default=list,
        blank=True,
        help_text=_("For example agency.example.org; separate several with commas."),
    )
    sso_app = models.ForeignKey(
        "socialaccount.SocialApp",
        verbose_name=_("identity provider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        help_text=_(
            "The organisation's identity provider: a social application of the provider "
            "type OpenID Connect (with its server address, client id and secret) or SAML "
            "(client id: a short name for the address; settings: the provider's entity "
            'id, sso_url and x509cert under "idp").'
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name_key"],
                name="organisation_name_normalised_unique",
                violation_error_message=_(
                    "An organisation with this name exists already (case, spacing and "
                    "punctuation aside)."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


@tracked()
class Program(TimeStampedModel):
    """A mentorship program: what it offers, what it expects, what it costs, who runs it."""

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    summary_sv = models.CharField(_("summary (Swedish)"), max_length=400)
    summary_en = models.CharField(_("summary (English)"), max_length=400, blank=True)
    description_sv = models.TextField(_("description (Swedish)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_programs",
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="coordinated_programs",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the public site.")
    )

    intake_mode = models.CharField(
        _("intake"), max_length=10, choices=IntakeMode.choices, default=IntakeMode.COHORT
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )
    # Meeting expectations for each pair.
    cadence = models.CharField(
        _("meeting cadence"), max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    min_meetings = models.PositiveSmallIntegerField(_("minimum meetings"), null=True, blank=True)
    hours_per_meeting = models.DecimalField(
        _("hours per meeting"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    total_hours_target = models.DecimalField(
        _("total hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    meetings_booked_by = models.CharField(
        _("who books the meetings"),
        max_length=6,
        choices=Booker.choices,
        default=Booker.EITHER,
        help_text=_("For a program where the mentees drive, the mentee books."),
    )
    coordinator_at_first_meeting = models.BooleanField(
        _("a coordinator attends the first meeting"),
        default=False,
        help_text=_(
            "Named on every agreement from the start, invited to each pair's first meeting, "
            "and able to edit the agreement with the pair before they sign."
        ),
    )
    agreement_terms_sv = models.TextField(
        _("agreement terms (Swedish)"),
        blank=True,
        help_text=_(
            "What both sides commit to (a moral contract): every pair's agreement starts "
            "with these terms, and both sign them."
        ),
    )
    agreement_terms_en = models.TextField(_("agreement terms (English)"), blank=True)
    signatures_before_logging = models.BooleanField(
        _("both sign before meetings are logged"),
        default=False,
        help_text=_("A meeting can be logged as held only once both have signed the agreement."),
    )

    # Fees. A range ("about 5,000 to 8,000 SEK depending on numbers") has a maximum too.
    fee_per_mentee = models.DecimalField(
        _("fee per mentee"), max_digits=10, decimal_places=2, default=0
    )
    fee_per_mentee_max = models.DecimalField(
        _("fee per mentee, at most"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_per_mentor = models.DecimalField(
        _("fee per mentor"), max_digits=10, decimal_places=2, default=0
    )
    fee_currency = models.CharField(_("currency"), max_length=3, default="SEK")
    fee_excludes_vat = models.BooleanField(_("fees exclude VAT"), default=True)
    fee_note_sv = models.CharField(_("fee note (Swedish)"), max_length=300, blank=True)
    fee_note_en = models.CharField(_("fee note (English)"), max_length=300, blank=True)

    # Requirement profiles (kravprofiler).
    mentor_requirements_sv = models.TextField(_("mentor requirements (Swedish)"), blank=True)
    mentor_requirements_en = models.TextField(_("mentor requirements (English)"), blank=True)
    mentee_requirements_sv = models.TextField(_("mentee requirements (Swedish)"), blank=True)
    mentee_requirements_en = models.TextField(_("mentee requirements (English)"), blank=True)
    # Knock-outs on the profile's "languages you speak": every one of these is needed.
    mentor_languages = ArrayField(
        models.CharField(max_length=5, choices=LanguageSpoken.choices),
        verbose_name=_("languages every mentor speaks"),
        default=list,
        blank=True,
    )
    mentee_languages = ArrayField(
        models.CharField(max_length=5, choices=LanguageSpoken.choices),
        verbose_name=_("languages every mentee speaks"),
        default=list,
        blank=True,
    )

    privacy_notice_sv = models.TextField(
        _("privacy notice (Swedish)"),
        blank=True,
        help_text=_(
            "Shown above the consent box of the application form and stored with each "
            "application. Empty: the platform's standard text."
        ),
    )
    privacy_notice_en = models.TextField(_("privacy notice (English)"), blank=True)
    diploma_text_sv = models.TextField(
        _("diploma text (Swedish)"),
        blank=True,
        help_text=_("Under the name on the diploma. Empty: the platform's standard text."),
    )
    diploma_text_en = models.TextField(_("diploma text (English)"), blank=True)
    diploma_signature = models.CharField(
        _("diploma signed by"), max_length=200, blank=True, help_text=_("Name and title.")
    )
    diploma_logo = models.ImageField(
        _("diploma logo"),
        upload_to="diploma-logos/",
        blank=True,
        help_text=_("PNG or JPEG, printed at the top of the diploma."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep applications not accepted (months)"),
        null=True,
        blank=True,
        default=12,
        help_text=_(
            "Applications that were never accepted are erased this many months after their "
            "cohort ends. Empty: kept until erased by hand."
        ),
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["name_sv"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fee_per_mentee__gte=0) & Q(fee_per_mentor__gte=0),
                name="program_fees_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(fee_per_mentee_max__isnull=True)
                | Q(fee_per_mentee_max__gte=F("fee_per_mentee")),
                name="program_fee_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_meeting__isnull=True) | Q(hours_per_meeting__gt=0),
                name="program_hours_per_meeting_positive",
            ),
            models.CheckConstraint(
                condition=Q(total_hours_target__isnull=True) | Q(total_hours_target__gt=0),
                name="program_total_hours_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("program_detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def description(self) -> str:
        return localized(self, "description")

    def languages_required(self, role: str) -> list[str]:
        return self.mentor_languages if role == Role.MENTOR else self.mentee_languages

    @property
    def fee_note(self) -> str:
        return localized(self, "fee_note")

    @property
    def mentor_requirements(self) -> str:
        return localized(self, "mentor_requirements")

    @property
    def mentee_requirements(self) -> str:
        return localized(self, "mentee_requirements")

    @property
    def agreement_terms(self) -> str:
        return localized(self, "agreement_terms")

    @property
    def diploma_text(self) -> str:
        return localized(self, "diploma_text")

    @property
    def privacy_notice(self) -> str:
        return localized(self, "privacy_notice") or str(STANDARD_PRIVACY_NOTICE)

    @property
    def is_rolling(self) -> bool:
        return self.intake_mode == IntakeMode.ROLLING


class OrganisationContact(TimeStampedModel):
    """A person who speaks for an organisation in a program: nominates and ranks its
    candidates. Without a program, they speak for it in every program."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="organisation_contacts",
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="organisation_contacts",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organisation contact")
        verbose_name_plural = _("organisation contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "program"],
                nulls_distinct=False,
                name="organisation_contact_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class Cohort(TimeStampedModel):
    """One round (omgång) of a program. A rolling program has one open-ended cohort."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="cohorts"
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=CohortState.choices, default=CohortState.DRAFT
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    application_opens_at = models.DateTimeField(_("applications open"), null=True, blank=True)
    application_closes_at = models.DateTimeField(_("applications close"), null=True, blank=True)
    nomination_deadline = models.DateTimeField(_("nomination deadline"), null=True, blank=True)
    mentor_seats = models.PositiveIntegerField(
        _("mentor seats"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    mentee_seats = models.PositiveIntegerField(
        _("mentee seats"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    seat_rule = models.CharField(
        _("seat rule"), max_length=12, choices=SeatRule.choices, default=SeatRule.SELECTION
    )
    nomination_seat = models.CharField(
        _("a nominee's seat is taken"),
        max_length=12,
        choices=NominationSeat.choices,
        default=NominationSeat.APPLICATION,
        help_text=_(
            "First come, first served by nomination: in the order the organisations register "
            "their nominees, or in the order the nominees send their applications."
        ),
    )
    nominations_minimum = models.PositiveSmallIntegerField(
        _("nominations wanted per organisation"),
        null=True,
        blank=True,
        help_text=_("“At least two mentors per agency”: shown to each contact and to you."),
    )
    mentee_partner = models.ForeignKey(
        Organisation,
        verbose_name=_("mentees nominated only by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "A partner program that puts the mentees forward, such as a labour-market course: "
            "other organisations nominate mentors only."
        ),
    )
    mentor_intake = models.CharField(
        _("how mentors apply"),
        max_length=12,
        choices=IntakeChannel.choices,
        default=IntakeChannel.PUBLIC,
    )
    mentee_intake = models.CharField(
        _("how mentees apply"),
        max_length=12,
        choices=IntakeChannel.choices,
        default=IntakeChannel.PUBLIC,
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["program", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name_sv"], name="cohort_name_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="cohort_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(application_opens_at__isnull=True)
                | Q(application_closes_at__isnull=True)
                | Q(application_closes_at__gt=F("application_opens_at")),
                name="cohort_application_window_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(mentor_seats__isnull=True) | Q(mentor_seats__gte=0))
                & (Q(mentee_seats__isnull=True) | Q(mentee_seats__gte=0)),
                name="cohort_seats_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} – {self.name}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    def intake_for(self, role: str) -> str:
        return self.mentor_intake if role == Role.MENTOR else self.mentee_intake

    def public_roles(self) -> list[str]:
        """The roles anyone may apply for through the public form."""
        return [role for role in Role.values if self.intake_for(role) == IntakeChannel.PUBLIC]

    def seats_for(self, role: str) -> int | None:
        return self.mentor_seats if role == Role.MENTOR else self.mentee_seats

    def accepts_applications(self, now: datetime | None = None) -> bool:
        """Open for applications now: a rolling program's running cohort always is."""
        now = now or timezone.now()
        if self.program.is_rolling:
            return self.state in (CohortState.RECRUITING, CohortState.RUNNING)
        if self.state != CohortState.RECRUITING:
            return False
        if self.application_opens_at and now < self.application_opens_at:
            return False
        return not (self.application_closes_at and now > self.application_closes_at)

    def opens_later(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return bool(
            self.state == CohortState.RECRUITING
            and self.application_opens_at
            and now < self.application_opens_at
        )


class Profile(TimeStampedModel):
    """What every person tells about themselves, used on cards and for matching."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    profession = models.CharField(
        _("profession"), max_length=20, choices=Profession.choices, blank=True
    )
    languages = ArrayField(
        models.CharField(max_length=3, choices=LanguageSpoken.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    competence_areas = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("competence areas"),
        default=list,
        blank=True,
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    availability = ArrayField(
        models.CharField(max_length=8, choices=TimeSlot.choices),
        verbose_name=_("when I can meet"),
        default=list,
        blank=True,
    )
    bio = models.TextField(_("about me"), blank=True)
    # Resized and re-encoded on upload (programs.services.profiles): no camera metadata
    # is kept, and only people in the same program see it, through a checked view.
    photo = models.ImageField(_("photo"), upload_to="photos/", blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.SWEDISH,
    )
    nudges = models.BooleanField(
        _("reminders"),
        default=True,
        help_text=_(
            "Reminders of meetings, meetups and check-ins. Notices that change your program "
            "are always sent."
        ),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


@tracked()
class Participant(TimeStampedModel):
    """A person taking part in a cohort as mentor or mentee."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ParticipantState.choices,
        default=ParticipantState.ACTIVE,
    )
    # The organisation they come from in this program (it decides "different agencies").
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participants",
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees at most"),
        default=1,
        help_text=_("For mentors: how many mentees they can take."),
    )
    in_directory = models.BooleanField(
        _("in the cohort's network directory"),
        default=False,
        help_text=_("Shown to the cohort's other participants who are in it too."),
    )
    # The fee: what this person's place costs, who pays it and whether it is paid.
    fee_amount = models.DecimalField(
        _("fee due"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    paying_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("paid by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fees_paid",
    )
    invoice_reference = models.CharField(_("invoice reference"), max_length=100, blank=True)
    paid_on = models.DateField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["cohort", "role", "user__last_name", "user__first_name"]
        constraints = [
            # What names a participant together with its cohort (a follow-up contact)
            # refers to this pair, so the database keeps the two consistent.
            models.UniqueConstraint(fields=["id", "cohort"], name="participant_id_cohort"),
            models.UniqueConstraint(
                fields=["cohort", "user", "role"], name="participant_unique_per_cohort_role"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=20),
                name="participant_capacity_range",
            ),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gte=0),
                name="participant_fee_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "role", "state"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.cohort}"


class Diploma(TimeStampedModel):
    """A diploma as issued: its text is kept, so that the verification page shows what
    was issued whatever happens to the data later."""

    participant = models.OneToOneField(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="diploma",
    )
    code = models.UUIDField(_("verification code"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    program_name_sv = models.CharField(_("program (Swedish)"), max_length=200)
    program_name_en = models.CharField(_("program (English)"), max_length=200, blank=True)
    cohort_name_sv = models.CharField(_("cohort (Swedish)"), max_length=200)
    cohort_name_en = models.CharField(_("cohort (English)"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    meetings = models.PositiveIntegerField(_("meetings"))

    class Meta:
        verbose_name = _("diploma")
        verbose_name_plural = _("diplomas")

    def __str__(self) -> str:
        return f"{self.name}, {self.program_name}"

    @property
    def program_name(self) -> str:
        return localized(self, "program_name")

    @property
    def cohort_name(self) -> str:
        return localized(self, "cohort_name")


# Coordinator rights: who was given or lost them, and by whom (a row of the through table
# is created or deleted; it is never changed).
tracked(exclude=(), model_name="ProgramCoordinatorEvent", app_label="programs")(
    Program.coordinators.through
)
