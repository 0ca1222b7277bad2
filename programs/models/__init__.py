from programs.models.core import (
    Cohort,
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
)

__all__ = [
    "Answer",
    "Application",
    "Cohort",
    "Interview",
    "Nomination",
    "Organisation",
    "OrganisationContact",
    "Participant",
    "Profile",
    "Program",
    "Question",
    "QuestionChoice",
]
