from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    AGENCY = "agency", _("Government agency")
    MUNICIPALITY = "municipality", _("Municipality or region")
    PARTY = "party", _("Political party")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    EDUCATION = "education", _("Education provider")
    OTHER = "other", _("Other")


class IntakeMode(models.TextChoices):
    COHORT = "cohort", _("Cohorts with dates")
    ROLLING = "rolling", _("Rolling intake")


class Booker(models.TextChoices):
    EITHER = "either", _("Either of them")
    MENTEE = "mentee", _("The mentee")
    MENTOR = "mentor", _("The mentor")


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    BIWEEKLY = "biweekly", _("Every other week")
    MONTHLY = "monthly", _("Monthly")
    FLEXIBLE = "flexible", _("As the pair agrees")


CADENCE_DAYS = {
    Cadence.WEEKLY: 7,
    Cadence.BIWEEKLY: 14,
    Cadence.MONTHLY: 31,
    Cadence.FLEXIBLE: 45,
}


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class SeatRule(models.TextChoices):
    FIRST_COME = "first_come", _("First come, first served")
    SELECTION = "selection", _("Selection by the coordinator")


class NominationSeat(models.TextChoices):
    """Under first come, first served: when a nominee's place in the queue is taken."""

    APPLICATION = "application", _("When the nominee sends the application")
    REGISTRATION = "registration", _("When the organisation registers the nominee")


class CohortState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RECRUITING = "recruiting", _("Recruiting")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


PUBLIC_COHORT_STATES = (CohortState.RECRUITING, CohortState.RUNNING)


class ParticipantState(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Profession(models.TextChoices):
    ECONOMIST = "economist", _("Economist")
    LAWYER = "lawyer", _("Lawyer")
    ENGINEER = "engineer", _("Engineer")
    SOCIAL_SCIENTIST = "social_scientist", _("Social scientist")
    EDUCATOR = "educator", _("Educator")
    POLITICIAN = "politician", _("Elected representative")
    MANAGER = "manager", _("Manager")
    SPECIALIST = "specialist", _("Specialist or case officer")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
    COMMUNICATOR = "communicator", _("Communicator")
    IT = "it", _("IT professional")
    HEALTHCARE = "healthcare", _("Healthcare professional")
    OTHER = "other", _("Other")


class LanguageSpoken(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian")
    SOMALI = "so", _("Somali")
    TIGRINYA = "ti", _("Tigrinya")
    SPANISH = "es", _("Spanish")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    FINNISH = "fi", _("Finnish")
    TURKISH = "tr", _("Turkish")
    POLISH = "pl", _("Polish")
    BOSNIAN = "bs", _("Bosnian, Croatian or Serbian")
    KURDISH = "ku", _("Kurdish")
    RUSSIAN = "ru", _("Russian")
    SIGN = "sgn", _("Swedish Sign Language")


class Region(models.TextChoices):
    STOCKHOLM = "stockholm", _("Stockholm")
    UPPSALA = "uppsala", _("Uppsala")
    SKANE = "skane", _("Skåne")
    VASTRA_GOTALAND = "vastra_gotaland", _("Västra Götaland")
    OSTERGOTLAND = "ostergotland", _("Östergötland")
    JONKOPING = "jonkoping", _("Jönköping")
    HALLAND = "halland", _("Halland")
    OREBRO = "orebro", _("Örebro")
    VASTMANLAND = "vastmanland", _("Västmanland")
    DALARNA = "dalarna", _("Dalarna")
    GAVLEBORG = "gavleborg", _("Gävleborg")
    VASTERNORRLAND = "vasternorrland", _("Västernorrland")
    JAMTLAND = "jamtland", _("Jämtland")
    VASTERBOTTEN = "vasterbotten", _("Västerbotten")
    NORRBOTTEN = "norrbotten", _("Norrbotten")
    VARMLAND = "varmland", _("Värmland")
    SODERMANLAND = "sodermanland", _("Södermanland")
    KRONOBERG = "kronoberg", _("Kronoberg")
    KALMAR = "kalmar", _("Kalmar")
    BLEKINGE = "blekinge", _("Blekinge")
    GOTLAND = "gotland", _("Gotland")
    REMOTE = "remote", _("Anywhere, online")


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    YES_NO = "yes_no", _("Yes or no")
    FILE = "file", _("File (PDF)")


class QuestionRole(models.TextChoices):
    MENTOR = "mentor", _("Mentors")
    MENTEE = "mentee", _("Mentees")
    BOTH = "both", _("Both")


class MatchingCriterion(models.TextChoices):
    LANGUAGES = "languages", _("Languages")
    PROFESSION = "profession", _("Profession")
    COMPETENCE_AREAS = "competence_areas", _("Competence areas")
    GOALS = "goals", _("Goals and wished areas")
    ORGANISATION = "organisation", _("Organisation")
    AVAILABILITY = "availability", _("Availability")
    REGION = "region", _("Region")
    EXPERIENCE = "experience", _("Years of experience")


class ApplicationState(models.TextChoices):
    # Filed without logging in for an address that has an account: it counts only once
    # the account's owner confirms it from the emailed link.
    UNCONFIRMED = "unconfirmed", _("Awaiting the applicant's confirmation")
    SUBMITTED = "submitted", _("Submitted")
    INTERVIEW_BOOKED = "interview_booked", _("Interview booked")
    INTERVIEWED = "interviewed", _("Interviewed")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Still being decided: the applicant may edit, the coordinator may move it on.
OPEN_APPLICATION_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.INTERVIEW_BOOKED,
    ApplicationState.INTERVIEWED,
    ApplicationState.WAITLISTED,
)


class InterviewKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    # A first phone conversation about what the person wants from a mentor (001).
    INTAKE_CALL = "intake_call", _("Intake call")


class InterviewMode(models.TextChoices):
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")
    IN_PERSON = "in_person", _("In person")


class IntakeChannel(models.TextChoices):
    PUBLIC = "public", _("Public application form")
    NOMINATION = "nomination", _("Nomination by an organisation contact")
    # The coordinator asks people and registers them (000 and 001 recruit their mentors).
    INVITATION = "invitation", _("By invitation of the coordinator")
    CLOSED = "closed", _("Not taking applications")


class ErasureState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ERASED = "erased", _("Erased")
    DECLINED = "declined", _("Declined")


class TimeSlot(models.TextChoices):
    """When a person can meet: a weekday and a part of the day."""

    MON_AM = "mon_am", _("Monday morning")
    MON_PM = "mon_pm", _("Monday afternoon")
    MON_EVE = "mon_eve", _("Monday evening")
    TUE_AM = "tue_am", _("Tuesday morning")
    TUE_PM = "tue_pm", _("Tuesday afternoon")
    TUE_EVE = "tue_eve", _("Tuesday evening")
    WED_AM = "wed_am", _("Wednesday morning")
    WED_PM = "wed_pm", _("Wednesday afternoon")
    WED_EVE = "wed_eve", _("Wednesday evening")
    THU_AM = "thu_am", _("Thursday morning")
    THU_PM = "thu_pm", _("Thursday afternoon")
    THU_EVE = "thu_eve", _("Thursday evening")
    FRI_AM = "fri_am", _("Friday morning")
    FRI_PM = "fri_pm", _("Friday afternoon")
    FRI_EVE = "fri_eve", _("Friday evening")
    SAT_AM = "sat_am", _("Saturday morning")
    SAT_PM = "sat_pm", _("Saturday afternoon")
    SAT_EVE = "sat_eve", _("Saturday evening")
    SUN_AM = "sun_am", _("Sunday morning")
    SUN_PM = "sun_pm", _("Sunday afternoon")
    SUN_EVE = "sun_eve", _("Sunday evening")


class WebhookEvent(models.TextChoices):
    """What a program's webhook endpoints can be told about."""

    APPLICATION_SUBMITTED = "application.submitted", _("Application submitted")
    PARTICIPANT_ACCEPTED = "participant.accepted", _("Participant accepted")
    MATCH_PUBLISHED = "match.published", _("Match published")
    SESSION_LOGGED = "session.logged", _("Session logged")
    MATCH_COMPLETED = "match.completed", _("Match completed")
    COHORT_CLOSED = "cohort.closed", _("Cohort closed")
