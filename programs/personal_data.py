"""Everything the platform holds about one person, as their data export (GDPR art. 15
and 20). Reads only; a fixed number of queries whatever the person has done."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from events.enums import ContactKind
from events.models import CheckIn, ContactLog, PrivateNote, Rsvp, Session
from matching.models import Goal, Match, MentorDecline, MentorWish, Message
from mentorship.models import OutgoingEmail, User
from programs.models import Application, Diploma, ErasureRequest, Participant
from programs.services.intake import answer_as_text


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(user: User) -> dict[str, Any]:
    profile = user.profile
    applications = (
        Application.objects.filter(user=user)
        .select_related("cohort__program")
        .prefetch_related("answers__question__choices", "interviews")
        .order_by("submitted_at")
    )
    participations = Participant.objects.filter(user=user).select_related(
        "cohort__program", "organisation", "paying_organisation"
    )
    matches = (
        Match.objects.filter(Q(mentor__user=user) | Q(mentee__user=user))
        .select_related("cohort__program", "mentor__user", "mentee__user")
        .order_by("created_at")
    )
    sessions = Session.objects.filter(match__in=matches).order_by("starts_at")
    goals = Goal.objects.filter(match__in=matches).prefetch_related("notes").order_by("pk")
    check_ins = (
        CheckIn.objects.filter(participant__user=user)
        .select_related("schedule__questionnaire")
        .prefetch_related("answers__item")
        .order_by("due_on")
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "profile": {
            "phone": profile.phone,
            "organisation": profile.organisation.name if profile.organisation else None,
            "title": profile.title,
            "profession": profile.profession,
            "languages": profile.languages,
            "photo": bool(profile.photo),
            "competence_areas": profile.competence_areas,
            "region": profile.region,
            "when_i_can_meet": profile.availability,
            "about_me": profile.bio,
            "preferred_language": profile.preferred_language,
            "reminders": profile.nudges,
        },
        "applications": [
            {
                "program": a.cohort.program.name,
                "cohort": a.cohort.name,
                "role": a.role,
                "state": a.state,
                "submitted": _when(a.submitted_at),
                "consent_text": a.consent_text,
                "consent_given": _when(a.consent_given_at),
                "answers": [
                    {
                        "question": answer.question.text,
                        "answer": answer_as_text(answer.question, answer.value),
                        "file": answer.file.name or None,
                    }
                    for answer in a.answers.all()
                ],
                "interviews": [
                    {
                        "starts": _when(i.starts_at),
                        "mode": i.mode,
                        "where": i.location,
                        "notes": i.notes,
                    }
                    for i in a.interviews.all()
                ],
                "coordinator_note": a.coordinator_note,
            }
            for a in applications
        ],
        "participations": [
            {
                "program": p.cohort.program.name,
                "cohort": p.cohort.name,
                "role": p.role,
                "state": p.state,
                "organisation": p.organisation.name if p.organisation else None,
                "fee": str(p.fee_amount) if p.fee_amount is not None else None,
                "paid_by": p.paying_organisation.name if p.paying_organisation else None,
                "invoice_reference": p.invoice_reference,
                "paid_on": _when(p.paid_on),
                "in_network_directory": p.in_directory,
            }
            for p in participations
        ],
        "matches": [
            {
                "program": m.cohort.program.name,
                "mentor": m.mentor.user.get_full_name(),
                "mentee": m.mentee.user.get_full_name(),
                "state": m.state,
                "started": _when(m.started_at),
                "ended": _when(m.ended_at),
                "why_it_ended": m.end_reason if m.ended_by_id == user.pk else "",
            }
            for m in matches
        ],
        # What the person said before a matching run: their own ranking and declines.
        "mentors_wished_for": [
            {"mentor": w.mentor.user.get_full_name(), "rank": w.rank}
            for w in MentorWish.objects.filter(mentee__user=user)
            .select_related("mentor__user")
            .order_by("mentee", "rank")
        ],
        "mentees_declined": [
            {"mentee": d.mentee.user.get_full_name(), "reason": d.reason}
            for d in MentorDecline.objects.filter(mentor__user=user).select_related("mentee__user")
        ],
        "meetings": [
            {
                "starts": _when(s.starts_at),
                "state": s.state,
                "minutes": s.actual_minutes or s.duration_minutes,
                "place": s.location,
                "what_we_talked_about": s.topics,
                "shared_notes": s.shared_notes,
            }
            for s in sessions
        ],
        "messages": [
            {
                "sent": _when(message.created_at),
                "from": message.author.get_full_name() if message.author else None,
                "mine": message.author_id == user.pk,
                "text": message.body,
                "file": message.attachment_name,
            }
            for message in Message.objects.filter(match__in=matches)
            .select_related("author")
            .order_by("pk")
        ],
        "reports_to_the_coordinator": [
            {"sent": _when(report.happened_on), "text": report.note}
            for report in ContactLog.objects.filter(
                participant__user=user, kind=ContactKind.REPORT
            ).order_by("pk")
        ],
        "private_notes": [
            {"meeting": _when(note.session.starts_at), "text": note.text}
            for note in PrivateNote.objects.filter(author=user).select_related("session")
        ],
        "goals": [
            {
                "goal": g.title,
                "success": g.success,
                "status": g.status,
                "my_notes": [n.text for n in g.notes.all() if n.author_id == user.pk],
            }
            for g in goals
        ],
        "check_ins": [
            {
                "questionnaire": c.schedule.questionnaire.title,
                "due": _when(c.due_on),
                "answered": _when(c.answered_at),
                "answers": [
                    {"question": answer.item.text, "answer": answer.value}
                    for answer in c.answers.all()
                ],
            }
            for c in check_ins
        ],
        "meetups": [
            {
                "meetup": r.meetup.title,
                "starts": _when(r.meetup.starts_at),
                "answer": r.answer,
                "diet": r.diet,
                "accessibility": r.accessibility,
                "needs_lodging": r.needs_lodging,
                "attendance": r.attendance,
            }
            for r in Rsvp.objects.filter(participant__user=user).select_related("meetup")
        ],
        "diplomas": [
            {
                "program": d.program_name,
                "cohort": d.cohort_name,
                "hours": str(d.hours),
                "meetings": d.meetings,
                "verification_code": str(d.code),
            }
            for d in Diploma.objects.filter(participant__user=user)
        ],
        "emails": [
            {"subject": e.subject, "queued": _when(e.created_at), "sent": _when(e.sent_at)}
            for e in OutgoingEmail.objects.filter(user=user).order_by("created_at")
        ],
        "erasure_requests": [
            {"requested": _when(r.requested_at), "state": r.state}
            for r in ErasureRequest.objects.filter(user=user)
        ],
    }
