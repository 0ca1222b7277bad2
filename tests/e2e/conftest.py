"""What several browser tests share: the 004 pair of the demo data."""

import pytest
from django.core import mail

from matching.services.matching import match_create
from mentorship.models import User
from programs.models import Participant
from tests.demo_data import seed_demo

MENTEE, MENTOR = "adept@entreprenorer.example.se", "mentor@entreprenorer.example.se"


@pytest.fixture
def pair(db):
    """The demo's 004 mentee and mentor, just matched by their coordinator."""
    seed_demo()
    mentee = Participant.objects.get(user__email=MENTEE)
    mentor = Participant.objects.get(user__email=MENTOR)
    coordinator = User.objects.get(email="samordnare-entreprenorer@example.org")
    match = match_create(mentee=mentee, mentor=mentor, by=coordinator)
    mail.outbox.clear()
    return match
