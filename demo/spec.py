"""What a reference program is made of, as the loader builds it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from programs.models import Cohort


@dataclass
class RoleSpec:
    """How the demo invents the people of one role."""

    title_pool: list[str]
    professions: list[str]
    areas: list[str]
    organisations: list[str]
    languages: list[list[str]]
    female_share: float = 0.5
    foreign_share: float = 0.0
    english_share: float = 0.0
    capacity: int = 1
    bio: str = ""


@dataclass
class ProgramSpec:
    """One reference program: the program, its cohort, its coordinator and organisations,
    how people apply and are matched, its questions, meetups and check-ins, and the
    people the demo invents for it."""

    key: str
    domain: str
    program: dict
    cohort: dict
    coordinator: tuple[str, str, str]
    organisations: list[tuple[str, str, str]]
    mentors: RoleSpec
    mentees: RoleSpec
    contacts: list[tuple[str, str, str, str]] = field(default_factory=list)
    deadline: date | None = None
    intake: dict = field(default_factory=dict)
    matching: dict = field(default_factory=dict)
    questions: list[dict] = field(default_factory=list)
    meetups: Callable[[Cohort], list[dict]] = lambda cohort: []
    questionnaires: list[dict] = field(default_factory=list)
    # The program's stated goals: (Swedish, English, the Swedish text of the check-in
    # question that measures it, or None).
    goals: list[tuple[str, str, str | None]] = field(default_factory=list)
    # Pairs already meeting for a while (the rolling program), or nothing.
    pairs: Callable[[Cohort], None] | None = None
