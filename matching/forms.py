from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from matching.enums import GoalStatus
from matching.models import Agreement

AGREEMENT_TEXT_MAX = 5000


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = Agreement.EDITABLE_FIELDS
        widgets = {
            "focus_areas": forms.Textarea(attrs={"rows": 3}),
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "practical_terms": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("focus_areas", "confidentiality", "practical_terms"):
            if name in self.fields:
                self.fields[name].max_length = AGREEMENT_TEXT_MAX
                self.fields[name].validators.append(MaxLengthValidator(AGREEMENT_TEXT_MAX))
                self.fields[name].widget.attrs["maxlength"] = AGREEMENT_TEXT_MAX
        if "meeting_minutes" in self.fields:
            minutes = self.fields["meeting_minutes"]
            minutes.validators += [MinValueValidator(15), MaxValueValidator(600)]
            minutes.widget.attrs.update(min=15, max=600)


class GoalForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Goal"), max_length=300, required=False)
    success = forms.CharField(
        label=_("What success looks like"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delete = forms.BooleanField(label=_("Remove this goal"), required=False)


GoalFormSet = forms.formset_factory(
    GoalForm, extra=2, max_num=12, validate_max=True, absolute_max=12
)


class GoalProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    text = forms.CharField(
        label=_("How it goes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MatchEndForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the match end?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The coordinator reads this; the other person is told the match ended."),
    )


class MatchFinishForm(forms.Form):
    """The coordinator completes a match, or ends it early with a reason."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("complete", _("Completed: the pair has run its course")),
            ("end", _("Ended early")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why it ended early"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "end" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the match ends."))
        return data


class MessageForm(forms.Form):
    """A message to the other member of the pair; what may be sent is the service's
    rule (matching.services.messages), shown beside the field it concerns."""

    body = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=_("A PDF or an image, at most 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
    # A new token with every empty form: the same form sent twice sends one message.
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)


class WishesForm(forms.Form):
    """A rank (or none) for each suggested mentor; each rank at most once."""

    def __init__(self, *args, candidates: list[dict], ranks: int, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Not chosen"))] + [(str(n), str(n)) for n in range(1, ranks + 1)]
        for candidate in candidates:
            mentor = candidate["mentor"]
            self.fields[f"rank_{mentor.pk}"] = forms.TypedChoiceField(
                label=mentor.user.get_full_name(),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(mentor.pk),
            )

    def clean(self):
        data = super().clean()
        seen: dict[int, str] = {}
        for name, rank in list(data.items()):
            if rank is None:
                continue
            if rank in seen:
                self.add_error(
                    name,
                    _("Choice %(n)s is already given to %(other)s.")
                    % {"n": rank, "other": self.fields[seen[rank]].label},
                )
            seen[rank] = name
        return data

    def mentor_ids(self) -> list[int]:
        """The chosen mentors, first choice first."""
        chosen = [
            (rank, int(name.removeprefix("rank_")))
            for name, rank in self.cleaned_data.items()
            if rank
        ]
        return [mentor for _rank, mentor in sorted(chosen)]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional; only the coordinator reads it)"),
        max_length=500,
        required=False,
    )


class PreferenceWindowForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Open until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
