"""Reads shared by every app."""

from __future__ import annotations

from django.conf import settings

from mentorship.models import User


def language_for(user: User | None, fallback: str | None = None) -> str:
    """The language to write to a person in: the one they chose (their profile), else
    `fallback` (the language they applied in), else the site's default. Every email,
    invite and PDF sent to someone asks this."""
    profile = getattr(user, "profile", None) if user is not None else None
    chosen = getattr(profile, "preferred_language", "") or fallback or settings.LANGUAGE_CODE
    return chosen[:2]
