from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mentorship.enums import EmailState
from mentorship.models import OutgoingEmail, StateChange, User
from mentorship.services import email_resend


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """The admin has no login of its own: allauth's is the one way in, with its rate
    limit and lockout (Django's admin form has neither)."""
    if request.user.is_authenticated:
        # Logged in but not staff: sending them to the login page would loop back here.
        raise PermissionDenied
    target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")


admin.site.login = admin_login
admin.site.site_header = _("Mentorship: coordinator")
admin.site.site_title = _("Mentorship")
admin.site.index_title = _("Programs, people and follow-up")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Name"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The email log: a coordinator sees every email about their programs (to whom,
    subject, when, sent or failed) and may send one again; never other programs'."""

    list_display = ("subject", "to", "program", "state", "attempts", "created_at", "sent_at")
    list_filter = ("state", ("program", admin.RelatedOnlyFieldListFilter), "template", "language")
    list_select_related = ("program",)
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    fields = (
        "to",
        "subject",
        "program",
        "state",
        "attempts",
        "last_error",
        "language",
        "created_at",
        "sent_at",
        "body_text",
    )
    readonly_fields = fields
    actions = ["send_again"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # The programs they coordinate (by the relation's name: programs build on this app).
        return queryset.filter(program__coordinators=request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        if not super().has_view_permission(request, obj):
            return False
        return (
            obj is None
            or request.user.is_superuser
            or self.get_queryset(request).filter(pk=obj.pk).exists()
        )

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the selected emails again"), permissions=["view"])
    def send_again(self, request, queryset) -> None:
        sent = [
            copy
            for email in queryset.exclude(state=EmailState.QUEUED)
            if (copy := email_resend(email=email, by=request.user)) is not None
        ]
        self.message_user(
            request,
            ngettext("%(n)s email is sent again.", "%(n)s emails are sent again.", len(sent))
            % {"n": len(sent)},
            messages.SUCCESS,
        )


# --- Beat's schedules: for superusers only ---------------------------------------------
# The periodic tasks (reminders, the digest, retention erasure, resending) run for every
# program at once: a coordinator of one program must not move, disable or run them.


class ForSuperusers(admin.ModelAdmin):
    """Screens that only superusers see and use."""

    def _superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request) -> bool:
        return self._superuser(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._superuser(request)


class ReadOnlyForSuperusers(ForSuperusers):
    """A log that nobody edits and only superusers read (the audit trail, exports)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def beat_admins_for_superusers() -> None:
    """Called from urls.py: django_celery_beat registers its admin after this app's."""
    for model, model_admin in list(admin.site._registry.items()):
        if model._meta.app_label == "django_celery_beat" and not isinstance(
            model_admin, ForSuperusers
        ):
            admin.site.unregister(model)
            admin.site.register(
                model,
                type(
                    f"ForSuperusers{type(model_admin).__name__}",
                    (ForSuperusers, type(model_admin)),
                    {},
                ),
            )


@admin.register(StateChange)
class StateChangeAdmin(ReadOnlyForSuperusers):
    """The audit trail: who changed what, from which state to which, when, and why."""

    list_display = ("at", "content_type", "object_id", "from_state", "to_state", "by", "reason")
    list_filter = ("content_type", "to_state")
    search_fields = ("object_id", "by__email", "reason")
    date_hierarchy = "at"
    list_select_related = ("content_type", "by")


def identity_provider_admin_on_this_site() -> None:
    """Called from urls.py, after allauth registers its admin: a new identity provider
    (social application) serves this site unless the superuser moves it off. allauth
    finds a provider only among the current site's, and the site picker is easy to
    miss: without it the login would end on a "not found"."""
    from allauth.socialaccount.models import SocialApp
    from django.contrib.sites.models import Site

    current = type(admin.site._registry[SocialApp])

    class SocialAppAdmin(current):
        def get_changeform_initial_data(self, request: HttpRequest) -> dict:
            initial = super().get_changeform_initial_data(request)
            initial.setdefault("sites", [Site.objects.get_current().pk])
            return initial

    admin.site.unregister(SocialApp)
    admin.site.register(SocialApp, SocialAppAdmin)
