from django import forms
from django.utils.translation import gettext_lazy as _

from matching.enums import GoalStatus
from matching.models import Agreement


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = Agreement.EDITABLE_FIELDS
        widgets = {
            "focus_areas": forms.Textarea(attrs={"rows": 3}),
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "practical_terms": forms.Textarea(attrs={"rows": 3}),
        }


class GoalForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Goal"), max_length=300, required=False)
    success = forms.CharField(
        label=_("What success looks like"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delete = forms.BooleanField(label=_("Remove this goal"), required=False)


GoalFormSet = forms.formset_factory(GoalForm, extra=2, max_num=12)


class GoalProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    text = forms.CharField(
        label=_("How it goes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
