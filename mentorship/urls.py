from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mentorship import views as core_views
from programs import views as program_views

urlpatterns = [
    path("", program_views.home, name="home"),
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
    path("apply/thanks/<uuid:token>/", program_views.apply_thanks, name="apply_thanks"),
    path("applications/<int:pk>/edit/", program_views.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/withdraw/",
        program_views.application_withdraw_view,
        name="application_withdraw",
    ),
    path("answers/<int:pk>/file/", program_views.answer_file, name="answer_file"),
    path("dashboard/", program_views.dashboard, name="dashboard"),
    path("health/", core_views.health, name="health"),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", core_views.language_set, name="set_language"),
    path("admin/", admin.site.urls),
    path("favicon.ico", core_views.favicon),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
