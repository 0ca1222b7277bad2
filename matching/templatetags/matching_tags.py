"""Explanations of a pair's score, written out in the reader's language."""

from django import template
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from programs.enums import LanguageSpoken, Profession, Region, TimeSlot

register = template.Library()

DAY_NAMES = {
    "mon": gettext_noop("Monday"),
    "tue": gettext_noop("Tuesday"),
    "wed": gettext_noop("Wednesday"),
    "thu": gettext_noop("Thursday"),
    "fri": gettext_noop("Friday"),
    "sat": gettext_noop("Saturday"),
    "sun": gettext_noop("Sunday"),
}


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _describe(criterion: str, details: list) -> str:
    if criterion == "language":
        names = ", ".join(_label(LanguageSpoken, code) for code in details)
        if (get_language() or "sv").startswith("sv"):
            names = names.lower()  # Swedish writes language names in lower case
        return _("both speak %(languages)s") % {"languages": names}
    if criterion == "area":
        # An option's labels in both languages, or a word someone wrote themself.
        english = (get_language() or "sv").startswith("en")
        names = [
            (area.get("en") if english else area.get("sv")) or area.get("sv", "")
            if isinstance(area, dict)
            else area
            for area in details
        ]
        return _("shared areas: %(areas)s") % {"areas": ", ".join(names)}
    if criterion == "profession":
        return _("same profession: %(profession)s") % {
            "profession": _label(Profession, details[0] if details else "")
        }
    if criterion == "region":
        region = details[0] if details else ""
        if region == Region.REMOTE:
            return _("can meet online")
        return _("same region: %(region)s") % {"region": _label(Region, region)}
    if criterion == "availability":
        if all(day in DAY_NAMES for day in details):  # an older run's days
            days = ", ".join(_(DAY_NAMES[day]) for day in details)
            return _("common days: %(days)s") % {"days": days}
        # A whole day in common is named as the day, not as its three parts.
        names = []
        for day in DAY_NAMES:
            parts = [slot for slot in details if slot.startswith(f"{day}_")]
            if len(parts) == 3:
                names.append(_(DAY_NAMES[day]))
            else:
                names += [_label(TimeSlot, slot) for slot in parts]
        return _("common times: %(times)s") % {"times": ", ".join(names)}
    if criterion == "experience":
        mentor, mentee = [*details, 0, 0][:2]
        return _("%(mentor)s years of experience against %(mentee)s") % {
            "mentor": mentor,
            "mentee": mentee,
        }
    if criterion == "organisation":
        return _("same organisation: %(name)s") % {"name": details[0] if details else ""}
    if criterion == "preference":
        if details:
            return _("the mentee's choice number %(rank)s") % {"rank": details[0]}
        return _("the mentee asked for this mentor")
    return criterion


@register.filter
def explanation(rows: list) -> list[str]:
    """[[criterion, points, details], ...] as "+30 both speak Swedish" lines."""
    return [f"{points:+d} {_describe(criterion, details)}" for criterion, points, details in rows]


BLOCKS = {
    "same_organisation": gettext_noop("same organisation"),
    "no_shared_language": gettext_noop("no shared language"),
    "language_required": gettext_noop("a required language is missing"),
    "no_common_time": gettext_noop("no time in common"),
    "forbidden": gettext_noop("forbidden by the coordinator"),
    "declined": gettext_noop("the mentor said not a fit"),
}


def _blocks_named(reason: str) -> str:
    """The hard rules in a reason such as "no_allowed_mentor:same_organisation,…", in
    words."""
    causes = [c for c in reason.partition(":")[2].split(",") if c]
    return ", ".join(_(BLOCKS.get(c, c)) for c in causes) or "–"


@register.filter
def unmatched_reason(reason: str) -> str:
    if reason.startswith("no_allowed_mentor"):
        return _("No allowed mentor (blocked: %(causes)s)") % {"causes": _blocks_named(reason)}
    if reason == "allowed_mentors_full":
        return _("Every allowed mentor is full")
    if reason == "below_minimum_score":
        return _("No mentor scores above the program's minimum")
    if reason == "beyond_candidates":
        return _(
            "An allowed mentor has a free place, but is not among the best-suited "
            "mentors this large cohort's run considered for them: pair them by hand"
        )
    if reason == "swapped":
        return _("Left without a mentor by a swap")
    return reason


@register.filter
def idle_reason(reason: str) -> str:
    """Why a mentor keeps a free place after a run."""
    if reason.startswith("no_allowed_mentee"):
        return _("No waiting mentee is allowed (blocked: %(causes)s)") % {
            "causes": _blocks_named(reason)
        }
    if reason == "allowed_mentees_matched":
        return _("Every mentee allowed with them has a pair")
    if reason == "below_minimum_score":
        return _("No waiting mentee scores above the program's minimum with them")
    return reason
