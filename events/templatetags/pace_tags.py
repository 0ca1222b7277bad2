"""A pair's risks in words, in the reader's language (the one wording: events.pace)."""

from django import template

from events.pace import risk_text as pace_risk_text

register = template.Library()


@register.filter
def risk_text(risk: dict) -> str:
    return pace_risk_text(risk)
