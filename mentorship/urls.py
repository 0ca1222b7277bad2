from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from events import views as event_views
from events.api import AttendanceViewSet, CheckInViewSet, MeetupViewSet, SessionViewSet
from matching import views as matching_views
from matching.api import MatchViewSet
from mentorship import views as core_views
from mentorship.admin import beat_admins_for_superusers, identity_provider_admin_on_this_site
from mentorship.sso import SsoLoginView
from programs import views as program_views
from programs.api.resources import (
    ApplicationViewSet,
    CohortViewSet,
    ParticipantViewSet,
    ProgramViewSet,
    QuestionViewSet,
)

beat_admins_for_superusers()
identity_provider_admin_on_this_site()
coordinator = admin.site.admin_view  # staff only; each page checks the program too
board = "admin/matching/board/<int:cohort_id>/"
coordinator_pages = [
    # The coordinator's home takes the place of the stock admin index (admin:index still
    # names this address; the app list stays in the sidebar of every admin page).
    path("admin/", coordinator(event_views.coordinator_home), name="coordinator_home"),
    path(
        "admin/programs/cohort/<int:cohort_id>/register/<str:role>/",
        coordinator(program_views.application_register_view),
        name="application_register",
    ),
    path(
        "admin/programs/cohort/<int:cohort_id>/announce/",
        coordinator(event_views.announcement_view),
        name="announcement",
    ),
    path(
        "admin/programs/program/new-like/",
        coordinator(program_views.program_copy_view),
        name="program_copy",
    ),
    path(
        "admin/programs/program/<int:program_id>/questions/<str:role>/",
        coordinator(program_views.question_builder_view),
        name="question_builder",
    ),
    path(
        "admin/programs/program/<int:program_id>/contacts/invite/",
        coordinator(program_views.contacts_invite_view),
        name="contacts_invite",
    ),
    path(
        "admin/programs/cohort/<int:cohort_id>/next/",
        coordinator(program_views.cohort_next_view),
        name="cohort_next",
    ),
    path(
        "admin/programs/cohort/<int:cohort_id>/import/",
        coordinator(program_views.participants_import_view),
        name="participants_import",
    ),
    path(
        "admin/programs/program/<int:program_id>/organisations/import/",
        coordinator(program_views.organisations_import_view),
        name="organisations_import",
    ),
    path(
        "admin/programs/cohort/<int:cohort_id>/hub/",
        coordinator(event_views.cohort_hub),
        name="cohort_hub",
    ),
    path("admin/matching/board/", coordinator(matching_views.board_index), name="matching_boards"),
    path(board, coordinator(matching_views.board), name="matching_board"),
    path(f"{board}run/", coordinator(matching_views.board_run), name="matching_board_run"),
    path(
        f"{board}runs/<int:run_id>/progress/",
        coordinator(matching_views.board_progress),
        name="matching_board_progress",
    ),
    path(f"{board}rule/", coordinator(matching_views.board_rule), name="matching_board_rule"),
    path(
        f"{board}runs/<int:run_id>/swap/",
        coordinator(matching_views.board_swap),
        name="matching_board_swap",
    ),
    path(
        f"{board}runs/<int:run_id>/publish/",
        coordinator(matching_views.board_publish),
        name="matching_board_publish",
    ),
    path(f"{board}pair/", coordinator(matching_views.board_pair), name="matching_board_pair"),
    path(
        f"{board}proposals/<int:proposal_id>/remedy/",
        coordinator(matching_views.board_remedy),
        name="matching_board_remedy",
    ),
    path(
        f"{board}preferences/",
        coordinator(matching_views.board_preferences),
        name="matching_board_preferences",
    ),
    path(
        "admin/programs/cohort/<int:cohort_id>/close/",
        coordinator(program_views.cohort_close_view),
        name="cohort_close",
    ),
    path(
        "admin/programs/cohort/<int:cohort_id>/fees/",
        coordinator(program_views.fee_report_view),
        name="fee_report",
    ),
    path(
        "admin/programs/invoices/<int:invoice_id>/sent/",
        coordinator(program_views.fee_invoice_sent_view),
        name="fee_invoice_sent",
    ),
    path(
        "admin/programs/invoices/<int:invoice_id>/<str:kind>/",
        coordinator(program_views.fee_invoice_file),
        name="fee_invoice_file",
    ),
    path(
        "admin/programs/cohort/<int:cohort_id>/health/",
        coordinator(event_views.cohort_health_view),
        name="cohort_health",
    ),
    path(
        "admin/events/self-assessment/<int:cohort_id>/",
        coordinator(event_views.self_assessment_view),
        name="self_assessment",
    ),
    path(
        "admin/events/meetup/<int:meetup_id>/attendance/",
        coordinator(event_views.attendance_view),
        name="meetup_attendance",
    ),
    path(
        "admin/events/meetup/<int:meetup_id>/logistics/",
        coordinator(event_views.logistics_view),
        name="meetup_logistics",
    ),
]

# The API, version 1: /api/v1/<resource>/, its OpenAPI schema and interactive docs.
api = SimpleRouter()
api.register("programs", ProgramViewSet, basename="program")
api.register("cohorts", CohortViewSet, basename="cohort")
api.register("questions", QuestionViewSet, basename="question")
api.register("applications", ApplicationViewSet, basename="application")
api.register("participants", ParticipantViewSet, basename="participant")
api.register("matches", MatchViewSet, basename="match")
api.register("sessions", SessionViewSet, basename="session")
api.register("meetups", MeetupViewSet, basename="meetup")
api.register("attendance", AttendanceViewSet, basename="attendance")
api.register("check-ins", CheckInViewSet, basename="check-in")
api_urls = [
    *api.urls,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("", program_views.home, name="home"),
    path("api/v1/", include((api_urls, "api"))),
    path("programs/<slug:slug>/", program_views.program_detail, name="program_detail"),
    path("programs/<slug:slug>/apply/", program_views.apply_start, name="apply_start"),
    path(
        "programs/<slug:slug>/apply/<int:cohort_id>/<str:role>/",
        program_views.apply_form,
        name="apply_form",
    ),
    path(
        "programs/<slug:slug>/cohorts/<int:cohort_id>/nominate/",
        program_views.nominate,
        name="nominate",
    ),
    path("apply/nomination/<uuid:token>/", program_views.nomination_apply, name="nomination_apply"),
    path(
        "nominations/<int:nomination_id>/<str:action>/",
        program_views.nomination_change,
        name="nomination_change",
    ),
    path("apply/thanks/<uuid:token>/", program_views.apply_thanks, name="apply_thanks"),
    path(
        "apply/confirm/<str:token>/",
        program_views.application_confirm_view,
        name="application_confirm",
    ),
    path("applications/<int:pk>/edit/", program_views.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/withdraw/",
        program_views.application_withdraw_view,
        name="application_withdraw",
    ),
    path("answers/<int:pk>/file/", program_views.answer_file, name="answer_file"),
    path("dashboard/", program_views.dashboard, name="dashboard"),
    path("profile/", program_views.profile_view, name="profile"),
    path("notifications/", core_views.notifications_view, name="notifications"),
    path("notifications/bell/", core_views.notifications_bell, name="notifications_bell"),
    path("notifications/read/", core_views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/open/", core_views.notification_open, name="notification_open"),
    path("people/<int:user_id>/photo/", program_views.photo_view, name="photo"),
    path("dashboard/reminders/", program_views.nudges_toggle, name="nudges_toggle"),
    path("dashboard/my-data.json", program_views.my_data_download, name="my_data"),
    path("dashboard/erase/", program_views.erasure_request_view, name="erasure_request"),
    path("cohorts/<int:cohort_id>/network/", program_views.network, name="network"),
    path("diplomas/<int:pk>/pdf/", program_views.diploma_pdf_view, name="diploma_pdf"),
    path("diplomas/verify/<uuid:code>/", program_views.diploma_verify, name="diploma_verify"),
    path("health/", core_views.health, name="health"),
    path("accessibility/", core_views.accessibility_statement, name="accessibility"),
    # The login page sends an organisation's people to its identity provider.
    path("accounts/login/", SsoLoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", core_views.language_set, name="set_language"),
    path(
        "matching/ask/<int:participant_id>/<int:mentor_id>/",
        matching_views.mentor_ask,
        name="mentor_ask",
    ),
    path("matching/wishes/<int:participant_id>/", matching_views.wishes_view, name="wishes"),
    path("matching/declines/<int:participant_id>/", matching_views.declines_view, name="declines"),
    path(
        "matching/requests/<int:match_id>/<str:answer>/",
        matching_views.request_answer,
        name="request_answer",
    ),
    path("matches/<int:match_id>/", event_views.match_page_view, name="match_page"),
    path("matches/<int:match_id>/messages/", event_views.messages_view, name="messages"),
    path("matches/<int:match_id>/report/", event_views.report_view, name="report"),
    path("messages/<int:message_id>/file/", event_views.message_file, name="message_file"),
    path("matches/<int:match_id>/end/", matching_views.match_end_view, name="match_end"),
    path("matches/<int:match_id>/agreement/", matching_views.agreement_view, name="agreement"),
    path(
        "matches/<int:match_id>/agreement/sign/",
        matching_views.agreement_sign_view,
        name="agreement_sign",
    ),
    path(
        "matches/<int:match_id>/agreement/print/",
        matching_views.agreement_print,
        name="agreement_print",
    ),
    path(
        "matches/<int:match_id>/agreement/versions/<int:version>/",
        matching_views.agreement_print,
        name="agreement_version",
    ),
    path("goals/<int:goal_id>/progress/", matching_views.goal_progress_view, name="goal_progress"),
    path(
        "matches/<int:match_id>/sessions/plan/", event_views.session_plan_view, name="session_plan"
    ),
    path(
        "matches/<int:match_id>/sessions/series/",
        event_views.session_series_view,
        name="session_series",
    ),
    path(
        "matches/<int:match_id>/sessions/record/",
        event_views.session_record_view,
        name="session_record",
    ),
    path("sessions/<int:session_id>/edit/", event_views.session_edit_view, name="session_edit"),
    path(
        "sessions/<int:session_id>/cancel/", event_views.session_cancel_view, name="session_cancel"
    ),
    path("sessions/<int:session_id>/log/", event_views.session_log_view, name="session_log"),
    path("meetups/answers/<int:rsvp_id>/", event_views.rsvp_view, name="rsvp"),
    path("check-ins/<int:check_in_id>/", event_views.check_in_answer_view, name="check_in_answer"),
    path("calendar/", event_views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", event_views.calendar_feed, name="calendar_feed"),
    *coordinator_pages,
    path("admin/", admin.site.urls),
    path("favicon.ico", core_views.favicon),
]

# Uploads (CVs, logos) are never served by URL, in any mode: only permission-checked
# views (answer_file) hand them out.
