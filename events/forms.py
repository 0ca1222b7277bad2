import uuid
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.enums import AnnouncementAudience, SeriesCadence, TravelMode
from events.models import Meetup
from events.services.sessions import MEETING_HORIZON, SERIES_MAX
from mentorship.forms import label_split_datetime

NOTE_MAX = 5000


class SessionForm(forms.Form):
    starts_at = forms.SplitDateTimeField(
        label=_("When"),
        widget=forms.SplitDateTimeWidget(date_attrs={"type": "date"}, time_attrs={"type": "time"}),
    )
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=5, max_value=600)
    location = forms.CharField(label=_("Place"), max_length=300, required=False)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label_split_datetime(self.fields["starts_at"], str(self.fields["starts_at"].label))

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        now = timezone.now()
        if starts_at < now:
            raise forms.ValidationError(
                _("Plan the meeting for a time ahead; log a past one as held instead.")
            )
        if starts_at > now + MEETING_HORIZON:
            raise forms.ValidationError(_("Plan the meeting within the next two years."))
        return starts_at

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("location") and not cleaned.get("video_link"):
            raise forms.ValidationError(_("Give a place or a video link."))
        return cleaned


class SessionSeriesForm(SessionForm):
    """A series of meetings: the first one's time, place and length, how often, how many."""

    cadence = forms.ChoiceField(
        label=_("How often"), choices=SeriesCadence.choices, initial=SeriesCadence.MONTHLY_WEEKDAY
    )
    count = forms.IntegerField(
        label=_("How many meetings"),
        min_value=2,
        max_value=SERIES_MAX,
        initial=12,
        help_text=_("Each meeting can be moved or cancelled on its own afterwards."),
    )

    field_order = ["starts_at", "cadence", "count", "duration_minutes", "location", "video_link"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].label = _("First meeting")
        label_split_datetime(self.fields["starts_at"], str(self.fields["starts_at"].label))


class MeetingNotes(forms.Form):
    """What the pair writes about a meeting they held, logged or recorded."""

    topics = forms.CharField(
        label=_("What we talked about"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shared_notes = forms.CharField(
        label=_("Shared notes (both of you and the coordinators see them)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionRecordForm(MeetingNotes):
    """A meeting that already took place, in one step."""

    starts_at = forms.SplitDateTimeField(
        label=_("When did you meet"),
        widget=forms.SplitDateTimeWidget(date_attrs={"type": "date"}, time_attrs={"type": "time"}),
    )
    actual_minutes = forms.IntegerField(label=_("How long (minutes)"), min_value=5, max_value=600)

    field_order = ["starts_at", "actual_minutes", "topics", "shared_notes"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label_split_datetime(self.fields["starts_at"], str(self.fields["starts_at"].label))


class SessionLogForm(MeetingNotes):
    held = forms.TypedChoiceField(
        label=_("Did the meeting take place?"),
        choices=[("1", _("Yes, we met")), ("0", _("No, it was missed"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    actual_minutes = forms.IntegerField(
        label=_("How long (minutes)"), min_value=5, max_value=600, required=False
    )
    private_note = forms.CharField(
        label=_("My private note (only I ever see it)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = ["held", "actual_minutes", "topics", "shared_notes", "private_note"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("held") and not cleaned.get("actual_minutes"):
            self.add_error("actual_minutes", _("Say how long the meeting was."))
        return cleaned


class RsvpForm(forms.Form):
    """The answer to an invitation: only the questions this meetup needs (diet where meals
    are served; nights, room and journey for a residential one)."""

    answer = forms.ChoiceField(
        label=_("Will you come?"),
        choices=[("yes", _("I am coming")), ("no", _("I cannot come"))],
        widget=forms.RadioSelect,
    )
    diet = forms.CharField(label=_("Diet, allergies"), max_length=300, required=False)
    accessibility = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)
    needs_lodging = forms.BooleanField(label=_("I need lodging"), required=False)
    nights = forms.TypedMultipleChoiceField(
        label=_("The nights I need a bed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        coerce=date.fromisoformat,
    )
    room_sharing = forms.CharField(
        label=_("Sharing a room"),
        max_length=300,
        required=False,
        help_text=_("Whom you would like to share with, or that you need a room of your own."),
    )
    travel_from = forms.CharField(
        label=_("Travelling from"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    travel_mode = forms.ChoiceField(
        label=_("Travelling by"), choices=[("", "—"), *TravelMode.choices], required=False
    )
    travel_cost = forms.DecimalField(
        label=_("Travel cost to reimburse (kronor)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("The return ticket or the mileage; keep the receipts."),
    )

    def __init__(self, *args, meetup: Meetup, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meetup = meetup
        unused = set()
        if not meetup.meals:
            unused.add("diet")
        if meetup.is_residential:
            self.fields["nights"].choices = [
                (
                    night.isoformat(),
                    _("%(evening)s to %(morning)s")
                    % {
                        "evening": date_format(night, "l j F"),
                        "morning": date_format(night + timedelta(days=1), "l j F"),
                    },
                )
                for night in meetup.nights
            ]
            unused.add("needs_lodging")
        else:
            unused |= {"nights", "room_sharing"}
            if not meetup.lodging:
                unused.add("needs_lodging")
        if not (meetup.travel_paid or meetup.is_residential):
            unused |= {"travel_from", "travel_mode"}
        if not meetup.travel_paid:
            unused.add("travel_cost")
        for name in unused:
            del self.fields[name]


def rsvp_form(rsvp, data=None) -> RsvpForm:
    """The answer form of one invitation, filled with what the person answered before."""
    return RsvpForm(
        data,
        meetup=rsvp.meetup,
        prefix=f"rsvp-{rsvp.pk}",
        initial={
            "answer": rsvp.answer or None,
            "diet": rsvp.diet,
            "accessibility": rsvp.accessibility,
            "needs_lodging": rsvp.needs_lodging,
            "nights": [night.isoformat() for night in rsvp.nights],
            "room_sharing": rsvp.room_sharing,
            "travel_from": rsvp.travel_from,
            "travel_mode": rsvp.travel_mode,
            "travel_cost": rsvp.travel_cost,
        },
    )


class AnnouncementForm(forms.Form):
    """The coordinator's email to a cohort, a role or a meetup's invitees."""

    audience = forms.ChoiceField(
        label=_("To"), choices=AnnouncementAudience.choices, widget=forms.RadioSelect
    )
    meetup = forms.ModelChoiceField(
        label=_("Meetup"), queryset=Meetup.objects.none(), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 10, "cols": 70}),
        help_text=_("Each person is greeted by name above it; your name and the program's below."),
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, cohort, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meetup"].queryset = Meetup.objects.filter(cohort=cohort).order_by("starts_at")
        if not self.is_bound and not self.initial.get("submission_token"):
            self.initial["submission_token"] = uuid.uuid4()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == AnnouncementAudience.MEETUP and not cleaned.get("meetup"):
            self.add_error("meetup", _("Choose the meetup whose invitees get it."))
        return cleaned
