"""The change history on an object's admin page: who, when, and each field's old and new
value, for the object and the rows that belong to it (an application's answers, a
match's agreement). The page itself is scoped to the program's coordinators
(CoordinatorScopedAdmin), so the history is too. At most four queries (the changes, the
people, and an application's questions with their choices), whatever its length."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pghistory.models import Events

from mentorship.history import CHANGED, CREATED, DELETED
from mentorship.models import User

LABELS = {
    CREATED: gettext_lazy("created"),
    CHANGED: gettext_lazy("changed"),
    DELETED: gettext_lazy("deleted"),
}
HIDDEN = {"id", "created_at", "updated_at"}
COORDINATOR_RIGHTS = "programs.Program_coordinators"
ANSWER = "programs.Answer"


@dataclass
class Change:
    at: datetime
    who: str
    what: str
    action: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # label, old, new


def _field(model: type[models.Model], column: str) -> models.Field | None:
    return next((f for f in model._meta.concrete_fields if f.column == column), None)


def _label(model: type[models.Model], column: str) -> str:
    model_field = _field(model, column)
    return str(model_field.verbose_name) if model_field else column


def _shown(model: type[models.Model], column: str, value: Any) -> str:
    model_field = _field(model, column)
    if model_field is None:
        return str(value)
    if value in (None, "", []):
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(model_field, models.ForeignKey):
        return f"#{value}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _added_or_removed(event, label: str, value: str) -> list[tuple[str, str, str]]:
    """A row that came (nothing before) or went (nothing after)."""
    return [(label, "–", value) if event.pgh_label == CREATED else (label, value, "–")]


def _answer_fields(event, question) -> list[tuple[str, str, str]]:
    """An answer's value before and after, as the coordinator reads answers."""
    from programs.services.intake import answer_as_text

    def shown(value: Any) -> str:
        text = answer_as_text(question, value) if question is not None else str(value or "")
        return text or "–"

    label = str(_("answer"))
    data = event.pgh_data or {}
    if event.pgh_label == CHANGED:
        if "value" not in (event.pgh_diff or {}):
            return []
        old, new = event.pgh_diff["value"]
        return [(label, shown(old), shown(new))]
    return _added_or_removed(event, label, shown(data.get("value")))


def change_history(obj: models.Model, *, event_models: tuple[str, ...]) -> list[Change]:
    """The changes to `obj` and the rows of `event_models` that refer to it, newest first."""
    from programs.models import Question

    events = list(
        Events.objects.references(obj)
        .across(*[apps.get_model(label) for label in event_models])
        .order_by("-pgh_created_at", "-pgh_id")
    )
    user_ids = {(e.pgh_context or {}).get("user") for e in events} - {None}
    # Coordinator rights name the person given or relieved of them.
    rights = [e for e in events if e.pgh_obj_model == COORDINATOR_RIGHTS]
    user_ids |= {e.pgh_data.get("user_id") for e in rights}
    people = {u.pk: u.get_full_name() or u.email for u in User.objects.filter(pk__in=user_ids)}
    answers = [e for e in events if e.pgh_obj_model == ANSWER]
    questions = (
        Question.objects.prefetch_related("choices").in_bulk(
            {e.pgh_data.get("question_id") for e in answers}
        )
        if answers
        else {}
    )
    changes = []
    for event in events:
        model = apps.get_model(event.pgh_obj_model)
        context = event.pgh_context or {}
        if context.get("user"):
            who = people.get(context["user"], _("a deleted account"))
        else:  # a public form (no one logged in), or a task of the system's
            who = _("not logged in") if context.get("url") else _("the system")
        data = event.pgh_data or {}
        change = Change(
            at=event.pgh_created_at,
            who=who,
            what=str(model._meta.verbose_name),
            action=str(LABELS.get(event.pgh_label, event.pgh_label)),
        )
        if event.pgh_obj_model == COORDINATOR_RIGHTS:
            change.what = _("coordinator rights")
            person = people.get(data.get("user_id"), _("a deleted account"))
            change.fields = _added_or_removed(event, str(_("person")), person)
        elif event.pgh_obj_model == ANSWER:
            question = questions.get(data.get("question_id"))
            if question is not None:
                change.what = _("answer to “%(question)s”") % {"question": question.text}
            change.fields = _answer_fields(event, question)
        elif event.pgh_label == CHANGED:
            change.fields = [
                (_label(model, c), _shown(model, c, old), _shown(model, c, new))
                for c, (old, new) in (event.pgh_diff or {}).items()
                if c not in HIDDEN
            ]
        if event.pgh_label == CHANGED and not change.fields:
            continue  # only a hidden column moved
        changes.append(change)
    return changes


class ChangeHistoryMixin:
    """Shows the change history on the change page (templates/admin/change_history_form.html
    or a model's own change form that extends it). `history_models` names the event
    models shown: the model's own, and those of the rows that belong to it."""

    history_models: tuple[str, ...] = ()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here the admin has the object already: no second read of it.
        if change and obj is not None:
            context["change_history"] = change_history(obj, event_models=self.history_models)
        return super().render_change_form(request, context, add, change, form_url, obj)
