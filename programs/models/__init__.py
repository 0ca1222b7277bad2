from programs.models.core import (
    Cohort,
    Diploma,
    Organisation,
    OrganisationContact,
    Participant,
    Profile,
    Program,
)
from programs.models.intake import (
    Answer,
    Application,
    Interview,
    Nomination,
    Question,
    QuestionChoice,
    SensitiveAccess,
)

__all__ = [
    "Answer",
    "Application",
    "Cohort",
    "Diploma",
    "Interview",
    "Nomination",
    "Organisation",
    "OrganisationContact",
    "Participant",
    "Profile",
    "Program",
    "Question",
    "QuestionChoice",
    "SensitiveAccess",
]
