"""The one kind of refusal a service raises and a view shows.

A service that says no raises a subclass of `Refusal` (`IntakeError`, `MatchingError`,
`EventError`, ...) with a message already translated for the person who asked; views
and admin actions catch `Refusal` and show the message beside the form or as a notice.
Anything else that escapes a service is a bug and reaches the error page.
"""

from __future__ import annotations


class Refusal(Exception):
    """A refusal to show the coordinator or participant, already translated; `field`
    names the form field it belongs beside, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotAllowed(Refusal):
    """The person may not do this to this object (not theirs, not their program)."""
