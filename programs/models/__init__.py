from programs.models.core import (
    Cohort,
    Diploma,
    Organisation,
    OrganisationContact,
    Participant,
    Profile,
    Program,
)
from programs.models.fees import FeeInvoice
from programs.models.intake import (
    Answer,
    Application,
    Interview,
    Nomination,
    Question,
    QuestionChoice,
    SensitiveAccess,
)
from programs.models.integrations import ApiToken, WebhookDelivery, WebhookEndpoint
from programs.models.privacy import DataExport, ErasureRequest

__all__ = [
    "Answer",
    "ApiToken",
    "Application",
    "Cohort",
    "DataExport",
    "Diploma",
    "ErasureRequest",
    "FeeInvoice",
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
    "WebhookDelivery",
    "WebhookEndpoint",
]
