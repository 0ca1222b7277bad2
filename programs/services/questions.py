"""The question builder: a role's application questions saved from one page, choice
options typed as labels (their stored values derived and kept), knock-outs picked from
the options or given as a number range."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mentorship.errors import Refusal
from mentorship.models import User
from programs.enums import QuestionKind, QuestionRole
from programs.models import Answer, Program, Question, QuestionChoice
from programs.rules import may_coordinate

CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)
YES, NO = "yes", "no"


class QuestionError(Refusal):
    """A refusal to show next to a question's field, already translated."""


@dataclass
class QuestionDraft:
    """One question as the builder page sends it."""

    text_sv: str
    kind: str
    role: str
    question: Question | None = None
    text_en: str = ""
    help_sv: str = ""
    help_en: str = ""
    required: bool = False
    order: int | None = None
    matching_criterion: str = ""
    sensitive: bool = False
    # Choice questions: (Swedish label, English label), in order.
    options: list[tuple[str, str]] = field(default_factory=list)
    # Choice questions: the Swedish labels that are eligible; yes/no: "yes" and/or "no".
    eligible: list[str] = field(default_factory=list)
    # Multiple choice: every eligible answer must be picked, not one of them.
    eligible_needs_all: bool = False
    eligible_minimum: Decimal | None = None
    eligible_maximum: Decimal | None = None
    delete: bool = False


def options_parse(text: str) -> list[tuple[str, str]]:
    """Choice options typed one per line, "Swedish label | English label" (the English
    part optional); blank lines and repeated labels are left out."""
    options, seen = [], set()
    for line in text.splitlines():
        label_sv, _bar, label_en = line.partition("|")
        label_sv, label_en = label_sv.strip(), label_en.strip()
        if label_sv and label_sv.casefold() not in seen:
            seen.add(label_sv.casefold())
            options.append((label_sv[:200], label_en[:200]))
    return options


def options_text(question: Question) -> str:
    """The options of a saved question as the builder shows them."""
    return "\n".join(
        f"{choice.label_sv} | {choice.label_en}" if choice.label_en else choice.label_sv
        for choice in question.choices.all()
    )


def eligible_labels(question: Question) -> list[str]:
    """A saved question's knock-out as the builder shows it: the eligible options'
    Swedish labels, or yes/no."""
    if question.kind in CHOICE_KINDS:
        labels = {choice.value: choice.label_sv for choice in question.choices.all()}
        return [labels[value] for value in question.eligible_answers if value in labels]
    return list(question.eligible_answers)


def _answered(question: Question, value: str) -> int:
    """How many applications chose the option `value`."""
    return (
        Answer.objects.filter(question=question)
        .filter(Q(value=value) | Q(value__contains=[value]))
        .count()
    )


def _value_for(label: str, taken: set[str]) -> str:
    base = slugify(label)[:90] or "option"
    value, n = base, 2
    while value in taken:
        value, n = f"{base}-{n}", n + 1
    taken.add(value)
    return value


def _options_save(question: Question, options: list[tuple[str, str]]) -> dict[str, str]:
    """Make the question's choices the `options`; returns Swedish label → stored value.

    A choice keeps its stored value (and so the applicants' answers) when its Swedish
    label is unchanged, or when it is renamed in the same place of the list; an option an
    applicant has chosen cannot be dropped."""
    existing = list(question.choices.all())
    by_label = {choice.label_sv.casefold(): choice for choice in existing}
    kept: dict[int, QuestionChoice] = {}
    for index, (label_sv, _label_en) in enumerate(options):
        choice = by_label.pop(label_sv.casefold(), None)
        if choice is not None:
            kept[index] = choice
    # Renamed in place: the old option at the same position, if its label is gone.
    unmatched = {existing.index(choice): choice for choice in by_label.values()}
    for index in range(len(options)):
        if index not in kept and index in unmatched:
            kept[index] = unmatched.pop(index)
    for choice in unmatched.values():
        chosen = _answered(question, choice.value)
        if chosen:
            raise QuestionError(
                _(
                    "%(count)s applicants chose “%(label)s”: keep it in the list (you may "
                    "rename it in its place)."
                )
                % {"count": chosen, "label": choice.label_sv},
                field="options",
            )
        choice.delete()
    taken = {choice.value for choice in kept.values()}
    values = {}
    for index, (label_sv, label_en) in enumerate(options):
        choice = kept.get(index)
        if choice is None:
            choice = QuestionChoice(question=question, value=_value_for(label_sv, taken))
        choice.label_sv, choice.label_en, choice.order = label_sv, label_en, index
        choice.save()
        values[label_sv.casefold()] = choice.value
    return values


def _question_save(program: Program, draft: QuestionDraft, order: int) -> Question | None:
    question = draft.question
    if draft.delete:
        if question is not None:
            answers = question.answers.count()
            if answers:
                raise QuestionError(
                    _(
                        "%(count)s applications answered this question, so it stays; "
                        "make it optional instead."
                    )
                    % {"count": answers},
                    field="delete",
                )
            question.delete()
        return None
    if not draft.text_sv.strip():
        raise QuestionError(_("Write the question in Swedish."), field="text_sv")
    if draft.kind in CHOICE_KINDS and not draft.options:
        raise QuestionError(_("Give the options, one per line."), field="options")
    minimum, maximum = draft.eligible_minimum, draft.eligible_maximum
    if draft.kind != QuestionKind.NUMBER:
        minimum = maximum = None
    if minimum is not None and maximum is not None and minimum > maximum:
        raise QuestionError(
            _("The lowest eligible answer is above the highest."), field="eligible_maximum"
        )
    question = question or Question(program=program)
    for name in (
        "text_sv",
        "text_en",
        "help_sv",
        "help_en",
        "kind",
        "role",
        "required",
        "matching_criterion",
        "sensitive",
    ):
        value = getattr(draft, name)
        setattr(question, name, value.strip() if isinstance(value, str) else value)
    question.order = order
    question.eligible_minimum, question.eligible_maximum = minimum, maximum
    question.eligible_answers = []
    question.save()
    if draft.kind in CHOICE_KINDS:
        values = _options_save(question, draft.options)
        question.eligible_answers = [
            values[label.casefold()] for label in draft.eligible if label.casefold() in values
        ]
    else:
        if question.choices.exists():
            for choice in question.choices.all():
                if _answered(question, choice.value):
                    raise QuestionError(
                        _("Applicants chose among its options, so it stays a choice question."),
                        field="kind",
                    )
            question.choices.all().delete()
        if draft.kind == QuestionKind.YES_NO:
            question.eligible_answers = [a for a in (YES, NO) if a in draft.eligible]
    question.eligible_needs_all = (
        draft.eligible_needs_all
        and draft.kind == QuestionKind.MULTIPLE_CHOICE
        and bool(question.eligible_answers)
    )
    if (
        question.eligible_answers
        and not question.eligible_needs_all
        and len(question.eligible_answers)
        == (len(draft.options) if draft.kind in CHOICE_KINDS else 2)
    ):
        question.eligible_answers = []  # any answer is eligible: no knock-out
    question.save(update_fields=["eligible_answers", "eligible_needs_all"])
    return question


def questions_save(
    *, program: Program, drafts: list[QuestionDraft], by: User
) -> dict[int, QuestionError]:
    """Save the builder page's questions in one transaction, in the page's order.

    Returns the refusals by draft index; if there is any, nothing is saved."""
    if not may_coordinate(by, program):
        raise QuestionError(_("You do not coordinate this program."))
    if any(d.question is not None and d.question.program_id != program.pk for d in drafts):
        raise QuestionError(_("That question belongs to another program."))
    errors: dict[int, QuestionError] = {}
    keyed = sorted(
        enumerate(drafts), key=lambda item: (item[1].order is None, item[1].order or 0, item[0])
    )
    with transaction.atomic():
        saving = transaction.savepoint()
        for position, (index, draft) in enumerate(keyed, start=1):  # 10, 20, … room to insert
            try:
                _question_save(program, draft, position * 10)
            except QuestionError as error:
                errors[index] = error
        if errors:
            transaction.savepoint_rollback(saving)
    return errors


def role_questions(program: Program, role: str) -> list[Question]:
    """The questions a role's applicants are asked (every question for "all"), in the
    form's order, choices loaded."""
    questions = Question.objects.filter(program=program)
    if role != "all":
        questions = questions.filter(role__in=[role, QuestionRole.BOTH])
    return list(questions.prefetch_related("choices").order_by("order", "pk"))
