from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mentorship import views as core_views
from programs import views as program_views

urlpatterns = [
    path("", program_views.home, name="home"),
    path("programs/<slug:slug>/", program_views.program_detail, name="program_detail"),
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
