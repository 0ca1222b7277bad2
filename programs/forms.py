"""The public application form (profile fields plus the program's own questions) and the
nomination form."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from mentorship.enums import Language
from mentorship.forms import LanguageFieldsMixin
from programs.enums import (
    LanguageSpoken,
    MatchingCriterion,
    Profession,
    QuestionKind,
    QuestionRole,
    Region,
    Role,
    TimeSlot,
)
from programs.models import Answer, Application, Organisation, Program, Question
from programs.selectors import organisations_of
from programs.services.intake import PROFILE_FIELDS, ApplicantDetails
from programs.services.questions import NO, YES, options_parse

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
EMAIL_MAX = 254  # the user table's column, and what SMTP carries
PDF_MAX_BYTES = settings.APPLICATION_FILE_MAX_MB * 1024 * 1024


def validate_pdf(upload) -> None:
    if upload.size > PDF_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB.")
            % {"mb": settings.APPLICATION_FILE_MAX_MB}
        )
    if not is_pdf(upload):
        raise ValidationError(_("Upload a PDF file."))


def is_pdf(upload) -> bool:
    """True when the file parses as a PDF with at least one page: the first bytes alone
    would let an HTML page that starts with "%PDF-" through."""
    try:
        upload.seek(0)
        if upload.read(5) != b"%PDF-":
            return False
        upload.seek(0)
        reader = PdfReader(upload, strict=True)
        return len(reader.pages) > 0
    except Exception:  # pypdf raises many kinds on a file that is not a PDF
        return False
    finally:
        upload.seek(0)


def question_field(question: Question) -> forms.Field:
    """The form field for one of the program's questions, labelled in the active language."""
    common: dict[str, Any] = {
        "label": question.text,
        "required": question.required,
        "help_text": question.help,
    }
    if question.sensitive:
        note = _("Only the program's coordinators see this answer.")
        common["help_text"] = f"{question.help} {note}".strip()
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == QuestionKind.NUMBER:
        # Years, counts, sizes: never below zero.
        return forms.DecimalField(
            max_digits=10, decimal_places=2, min_value=0, max_value=1_000_000, **common
        )
    if kind == QuestionKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    choices = [(choice.value, choice.label) for choice in question.choices.all()]
    if kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.FileField(
        validators=[validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        **common,
    )


def stored_value(question: Question, value: Any) -> Any:
    """A cleaned form value as it is stored in Answer.value (JSON)."""
    if value in (None, ""):
        return None
    if question.kind == QuestionKind.YES_NO:
        return value == "yes"
    if question.kind == QuestionKind.NUMBER:
        return float(value)
    if question.kind == QuestionKind.DATE:
        return value.isoformat()
    return value


def form_value(question: Question, value: Any) -> Any:
    """A stored answer as the form shows it again."""
    if question.kind == QuestionKind.YES_NO and value is not None:
        return "yes" if value else "no"
    return value


class TelInput(forms.TextInput):
    input_type = "tel"  # the phone keypad on a phone


class ApplicationForm(forms.Form):
    """Standard profile fields, the program's questions for the role, consent."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=EMAIL_MAX,
        help_text=_("We send the confirmation here; it is also how you log in later."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Choose, or write it below"),
    )
    organisation_other = forms.CharField(
        label=_("Another organisation"),
        max_length=200,
        required=False,
        help_text=_(
            "If yours is not in the list. Type its name: the names we know are suggested, "
            "and one we know is recognised whatever its capitals or punctuation."
        ),
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off"}),
    )
    title = forms.CharField(
        label=_("Title or role"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    profession = forms.ChoiceField(
        label=_("Profession"), choices=[("", "—"), *Profession.choices], required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LanguageSpoken.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    competence_areas = forms.CharField(
        label=_("Competence areas, or what you want to work on"),
        max_length=500,
        required=False,
        help_text=_("Separate them with commas."),
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", "—"), *Region.choices], required=False
    )
    bio = forms.CharField(
        label=_("A few words about yourself"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for our emails"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        initial=Language.SWEDISH,
    )
    consent = forms.BooleanField(
        label=_("I agree that my personal data is handled as described above."),
        required=True,
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        program: Program,
        privacy_notice: str = "",
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        # The program's own organisations (and the one already on the profile).
        current = self.initial.get("organisation")
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(
            Q(pk__in=organisations_of([program.pk]).values("pk")) | Q(pk=current or 0)
        ).order_by("name")
        # One query for the list and the suggestions as one types another organisation
        # (the program's, by name); the queryset still checks what is sent.
        organisations = list(field.queryset)
        field.widget.choices = [("", field.empty_label), *((o.pk, str(o)) for o in organisations)]
        self.organisation_names = [o.name for o in organisations]
        if not self.is_bound and not self.initial.get("submission_token"):
            self.initial["submission_token"] = uuid.uuid4()
        if not self.initial.get("preferred_language"):
            # Emails in the language the person reads the form in, unless they choose.
            current = (get_language() or "sv")[:2]
            if current in Language.values:
                self.initial["preferred_language"] = current
        for question in questions:
            self.fields[f"q_{question.pk}"] = question_field(question)
        if editing:
            for name in ("consent", "website", "submission_token", "email"):
                del self.fields[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        profile = Fieldset(
            _("About you"),
            "first_name",
            "last_name",
            *([] if editing else ["email"]),
            "phone",
            "organisation",
            "organisation_other",
            HTML(
                '<datalist id="organisation-names">{% for name in organisation_names %}'
                '<option value="{{ name }}">{% endfor %}</datalist>'
            ),
            "title",
            "profession",
            "languages",
            "competence_areas",
            "region",
            "bio",
            "preferred_language",
        )
        parts: list[Any] = [profile]
        if questions:
            parts.append(Fieldset(_("The program's questions"), *[f"q_{q.pk}" for q in questions]))
        if not editing:
            parts.append(
                Fieldset(
                    _("Your personal data"),
                    HTML('<div class="privacy-notice">{{ privacy_notice|linebreaks }}</div>'),
                    "consent",
                )
            )
            parts.append(Div("website", css_class="honeypot", aria_hidden="true"))
            parts.append("submission_token")
        self.helper.layout = Layout(*parts)
        self.privacy_notice = privacy_notice

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("Your application could not be sent."), code="spam")
        return cleaned

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def details(self) -> ApplicantDetails:
        data = self.cleaned_data
        organisation = data.get("organisation")
        other = (data.get("organisation_other") or "").strip()
        areas = [a.strip() for a in (data.get("competence_areas") or "").split(",") if a.strip()]
        return ApplicantDetails(
            email=data.get("email", ""),
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            organisation=organisation,
            # Found or created by the service, inside its transaction: a refused
            # application leaves no organisation behind.
            organisation_name="" if organisation is not None else other,
            profile={
                "phone": data.get("phone", ""),
                "title": data.get("title", ""),
                "profession": data.get("profession", ""),
                "languages": data.get("languages", []),
                "competence_areas": areas,
                "region": data.get("region", ""),
                "bio": data.get("bio", ""),
                "preferred_language": data["preferred_language"],
            },
        )

    def answers(self) -> dict[int, Any]:
        return {
            q.pk: stored_value(q, self.cleaned_data.get(f"q_{q.pk}"))
            for q in self.questions
            if q.kind != QuestionKind.FILE
        }

    def files_by_question(self) -> dict[int, Any]:
        return {
            q.pk: self.cleaned_data[f"q_{q.pk}"]
            for q in self.questions
            if q.kind == QuestionKind.FILE and self.cleaned_data.get(f"q_{q.pk}")
        }


def initial_from(application: Application) -> dict[str, Any]:
    """What an application form shows when its applicant edits it."""
    user = application.user
    profile = user.profile
    initial: dict[str, Any] = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": profile.organisation_id,
        "competence_areas": ", ".join(profile.competence_areas),
        **{name: getattr(profile, name) for name in ("phone", "title", "profession", "region")},
        "languages": profile.languages,
        "bio": profile.bio,
        "preferred_language": profile.preferred_language,
    }
    answers = Answer.objects.filter(application=application).select_related("question")
    for answer in answers:
        initial[f"q_{answer.question_id}"] = form_value(answer.question, answer.value)
    return initial


class NominationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Nominated as"), choices=Role.choices, initial=Role.MENTOR)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=EMAIL_MAX)
    rank = forms.IntegerField(
        label=_("Rank"), min_value=1, max_value=99, help_text=_("1 is your first choice.")
    )
    note = forms.CharField(
        label=_("Why this person"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class ErasureRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A message to the coordinator (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my applications, answers, notes and account are erased and "
            "cannot be brought back."
        ),
    )


class PhoneApplicationForm(ApplicationForm):
    """The application form as the coordinator fills it in for a person on the phone:
    the same questions, their consent confirmed by the coordinator, no bot trap."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["email"].help_text = _(
            "They get the confirmation here, and log in with it later."
        )
        self.fields["consent"].label = _(
            "The person agreed on the phone to their personal data being handled as the "
            "privacy notice describes (read it to them)."
        )
        self.fields["consent"] = self.fields.pop("consent")  # last, after the questions
        # Choices shown as radios or boxes: the page groups them under their question.
        self.group_fields = {
            name
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
        }

    def clean(self) -> dict[str, Any]:
        return forms.Form.clean(self)

    @property
    def is_spam(self) -> bool:
        return False


class ApiApplicationForm(ApplicationForm):
    """The application form checking what another system sends through the API: the
    same fields and questions, so the same answers pass and fail. Consent is the
    system's statement (the service keeps it); the submission token may be left out."""

    API_NAMES = {"organisation_other": "organisation_name"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("website", "consent"):
            del self.fields[name]
        self.fields["submission_token"].required = False

    @classmethod
    def data_from(cls, body: dict[str, Any]) -> dict[str, Any]:
        data = {
            name: body.get(cls.API_NAMES.get(name, name))
            for name in (
                "first_name",
                "last_name",
                "email",
                "phone",
                "organisation",
                "organisation_other",
                "title",
                "profession",
                "languages",
                "region",
                "bio",
                "preferred_language",
                "submission_token",
            )
        }
        data["competence_areas"] = ", ".join(body.get("competence_areas") or [])
        for question_id, value in (body.get("answers") or {}).items():
            if isinstance(value, bool):  # a yes/no answer as JSON gives it
                value = "yes" if value else "no"
            data[f"q_{question_id}"] = value
        return {name: value for name, value in data.items() if value is not None}

    @classmethod
    def errors_for_api(cls, form: forms.Form) -> dict[str, list[str]]:
        """The form's errors under the API's names ("answers.12" for question 12)."""
        errors: dict[str, list[str]] = {}
        for name, messages in form.errors.items():
            if name.startswith("q_"):
                name = f"answers.{name[2:]}"
            errors[cls.API_NAMES.get(name, name)] = [str(m) for m in messages]
        return errors

    def clean(self) -> dict[str, Any]:
        cleaned = forms.Form.clean(self)
        if not cleaned.get("submission_token"):
            cleaned["submission_token"] = uuid.uuid4()
        return cleaned


class ProgramCopyForm(LanguageFieldsMixin, forms.Form):
    """A new program like another one, with its first cohort."""

    source = forms.ModelChoiceField(label=_("Like"), queryset=Program.objects.none())
    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=100,
        help_text=_("The end of the program's address: letters, digits and hyphens."),
    )
    cohort_name = forms.CharField(label=_("First cohort's name"), max_length=200)
    starts_on = forms.DateField(
        label=_("First cohort starts"), widget=forms.DateInput(attrs={"type": "date"})
    )
    publish = forms.BooleanField(
        label=_("Publish the program and open the first cohort for applications now"),
        required=False,
        help_text=_("Leave it unticked to check the copy first; you can publish it later."),
    )

    def __init__(self, *args: Any, sources, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources


class CohortCopyForm(LanguageFieldsMixin, forms.Form):
    """The next cohort like this one."""

    name_sv = forms.CharField(label=_("Name (Swedish)"), max_length=200)
    starts_on = forms.DateField(
        label=_("Starts"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Every date of the cohort and its meetups moves by the same distance."),
    )


# --- The question builder (coordinators) ---------------------------------------------


class QuestionBuilderForm(LanguageFieldsMixin, forms.Form):
    """One question on the builder page: options typed as labels, the knock-out picked
    from them (or yes/no, or a number range)."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    order = forms.IntegerField(label=_("Place"), required=False, min_value=0, max_value=999)
    text_sv = forms.CharField(label=_("Question (Swedish)"), max_length=300, required=False)
    text_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    help_sv = forms.CharField(label=_("Help text (Swedish)"), max_length=500, required=False)
    help_en = forms.CharField(label=_("Help text (English)"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    asked_of = forms.ChoiceField(label=_("Asked of"))
    required = forms.BooleanField(label=_("Required"), required=False)
    matching_criterion = forms.ChoiceField(label=_("Used for matching as"), required=False)
    sensitive = forms.BooleanField(
        label=_("Sensitive (health, disability, ethnic background)"), required=False
    )
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 50}),
        help_text=_("One per line: Swedish label | English label (the English part optional)."),
    )
    eligible = forms.MultipleChoiceField(
        label=_("Eligible answers (knock-out)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick the answers that make an applicant eligible; the others flag the "
            "application as not eligible. None ticked: not a knock-out question."
        ),
    )
    eligible_needs_all = forms.BooleanField(
        label=_("All the ticked answers are needed, not just one"),
        required=False,
        help_text=_("For several answers: “speaks Swedish and English” ticks both and this."),
    )
    eligible_minimum = forms.DecimalField(
        label=_("Eligible from"), required=False, max_digits=10, decimal_places=2
    )
    eligible_maximum = forms.DecimalField(
        label=_("Eligible up to"),
        required=False,
        max_digits=10,
        decimal_places=2,
        help_text=_("A number knock-out: the lowest and/or highest eligible answer."),
    )

    def __init__(self, *args, role: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        only = {QuestionRole.MENTOR: _("Only mentors"), QuestionRole.MENTEE: _("Only mentees")}
        both = (QuestionRole.BOTH, _("Mentors and mentees"))
        self.fields["asked_of"].choices = (
            [(role, only[role]), both] if role in only else [both, *only.items()]
        )
        # An untouched empty question is no change (its lists show their first choice).
        self.fields["asked_of"].initial = self.fields["asked_of"].choices[0][0]
        self.fields["kind"].initial = QuestionKind.SHORT_TEXT
        self.fields["matching_criterion"].choices = [
            ("", _("Not used for matching")),
            *MatchingCriterion.choices,
        ]
        if self.is_bound:
            kind = self.data.get(self.add_prefix("kind"), "")
            options = self.data.get(self.add_prefix("options"), "")
        else:
            kind = self.initial.get("kind", "")
            options = self.initial.get("options", "")
        if kind == QuestionKind.YES_NO:
            choices = [(YES, _("Yes")), (NO, _("No"))]
        else:
            choices = [(label, label) for label, _en in options_parse(options)]
        self.fields["eligible"].choices = choices
        self.kind_shown = kind

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("eligible_minimum"), data.get("eligible_maximum")
        if low is not None and high is not None and low > high:
            self.add_error(
                "eligible_maximum", _("The lowest eligible answer is above the highest.")
            )
        # The question's own rule (the model's constraint), shown beside the box.
        probe = Question(
            sensitive=bool(data.get("sensitive")),
            matching_criterion=data.get("matching_criterion") or "",
        )
        for constraint in Question._meta.constraints:
            if constraint.name == "question_sensitive_not_for_matching":
                try:
                    constraint.validate(Question, probe)
                except ValidationError as error:
                    self.add_error("sensitive", error.messages[0])
        return data


def spreadsheet_field(help_text: str) -> forms.FileField:
    """A CSV or Excel file of an import, its columns named in `help_text`."""
    return forms.FileField(
        label=_("Spreadsheet"),
        help_text=help_text,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class ParticipantsImportForm(forms.Form):
    """A spreadsheet of the cohort's people, checked before anything is saved."""

    file = spreadsheet_field(
        _(
            "CSV or Excel, with a heading row: email, first name, last name, role (mentor or "
            "mentee), and if you like organisation, phone, title and mentees (how many a "
            "mentor takes). Swedish headings work too."
        )
    )


class OrganisationsImportForm(forms.Form):
    """A spreadsheet of the program's organisations, checked before anything is saved."""

    file = spreadsheet_field(
        _(
            "CSV or Excel, with a heading row: name, and if you like organisation number, "
            "kind, invoice reference, street address, postcode, city, email, phone and "
            "website. Swedish headings work too."
        )
    )


class ContactsInviteForm(forms.Form):
    """Many organisation contact persons at once, pasted one per line."""

    people = forms.CharField(
        label=_("Contact persons"),
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80}),
        help_text=_(
            "One per line: first and last name, email, organisation, and a title if you "
            "like, separated by commas (or pasted from a spreadsheet). A new organisation "
            "is added to the program's list."
        ),
    )

    def clean_people(self) -> list:
        from programs.services.organisations import contact_lines_parse

        people, errors = contact_lines_parse(self.cleaned_data["people"])
        if errors:
            raise ValidationError(errors)
        if not people:
            raise ValidationError(_("Write at least one person."))
        return people


class ProfileForm(forms.Form):
    """The person's own profile: the application form's fields for it (one definition of
    each), and a photo."""

    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG, PNG, GIF or WebP image, at most 8 MB. Others in your program see it."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    availability = forms.MultipleChoiceField(
        label=_("When you can meet"),
        choices=TimeSlot.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "time-slots"}),
        required=False,
        help_text=_(
            "Matching prefers a mentor and mentee with a time in common. Leave all empty "
            "if any time suits you."
        ),
    )

    NAMES = ("first_name", "last_name", *PROFILE_FIELDS, "availability")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = dict(self.fields)
        self.fields = {
            **{
                name: copy.deepcopy(ApplicationForm.base_fields[name])
                for name in self.NAMES
                if name in ApplicationForm.base_fields
            },
            **own,
        }

    @staticmethod
    def initial_for(user) -> dict[str, Any]:
        profile = user.profile
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            **{name: getattr(profile, name) for name in ProfileForm.NAMES[2:]},
            "competence_areas": ", ".join(profile.competence_areas),
        }

    def profile_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["competence_areas"] = [
            area.strip() for area in (data.get("competence_areas") or "").split(",") if area.strip()
        ]
        return {name: data[name] for name in self.NAMES}
