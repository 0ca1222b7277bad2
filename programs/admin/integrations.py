"""The coordinator's screens for other systems: API tokens, webhook endpoints and the
log of deliveries."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mentorship.errors import Refusal
from programs.admin.core import CoordinatorScopedAdmin
from programs.enums import WebhookEvent
from programs.models import ApiToken, Program, WebhookDelivery, WebhookEndpoint
from programs.selectors import programs_visible_to
from programs.services.integrations import (
    api_token_create,
    api_token_revoke,
    webhook_endpoint_save,
    webhook_resend,
    webhook_secret_renew,
    webhook_url_check,
)


class ApiTokenForm(forms.ModelForm):
    programs = forms.ModelMultipleChoiceField(
        label=_("programs"),
        queryset=Program.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The token reaches these of your programs, and nothing else."),
    )

    class Meta:
        model = ApiToken
        fields = ("name", "programs", "can_write", "can_read_sensitive")

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programs"].queryset = programs_visible_to(user).order_by("name_sv")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """A coordinator's own tokens. The key is shown once, on the page after it is made;
    a token is revoked, never edited (what it may do is fixed when it is made)."""

    list_display = (
        "name",
        "prefix",
        "program_list",
        "can_write",
        "can_read_sensitive",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("can_write", "can_read_sensitive")
    actions = ["revoke"]
    readonly_fields = (
        "name",
        "prefix",
        "program_list",
        "can_write",
        "can_read_sensitive",
        "created_at",
        "last_used_at",
        "revoked_at",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request).prefetch_related("programs")
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # revoke and make a new one instead

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # revoked tokens stay, with when they were last used

    def get_fields(self, request: HttpRequest, obj=None):
        if obj is None:
            return ("name", "programs", "can_write", "can_read_sensitive")
        return self.readonly_fields

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return () if obj is None else self.readonly_fields

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        user = request.user

        class Form(ApiTokenForm):
            def __init__(self, *args, **inner) -> None:
                super().__init__(*args, user=user, **inner)

        kwargs["form"] = Form
        kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    @admin.display(description=_("programs"))
    def program_list(self, token: ApiToken) -> str:
        return ", ".join(str(program) for program in token.programs.all())

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        token, key = api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            programs=form.cleaned_data["programs"],
            can_write=form.cleaned_data["can_write"],
            can_read_sensitive=form.cleaned_data["can_read_sensitive"],
        )
        obj.pk = token.pk
        obj._state.adding = False
        request._new_api_key = key

    def save_related(self, request, form, formsets, change) -> None:
        """The service has set the programs already."""

    def response_add(self, request: HttpRequest, obj, post_url_continue=None) -> HttpResponse:
        # The key is shown here once and kept nowhere (not in a message, not in the
        # session): only its hash is stored.
        return TemplateResponse(
            request,
            "admin/programs/apitoken/created.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Your new API token"),
                "token": ApiToken.objects.get(pk=obj.pk),
                "key": request._new_api_key,
                "opts": self.model._meta,
                "docs_url": reverse("api:docs"),
            },
        )

    @admin.action(description=_("Revoke the chosen tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> None:
        live = list(queryset.filter(revoked_at__isnull=True))
        for token in live:
            api_token_revoke(token=token, by=request.user)
        count = len(live)
        self.message_user(
            request,
            ngettext(
                "%(count)d token is revoked: requests with it are refused from now on.",
                "%(count)d tokens are revoked: requests with them are refused from now on.",
                count,
            )
            % {"count": count},
        )


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(
        label=_("address"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "An https address of the receiving system. Each delivery is signed by the "
            "Standard Webhooks spec with the secret shown once the endpoint is saved."
        ),
    )
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the address is told about."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("program", "url", "events", "is_active")

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            webhook_url_check(url)
        except Refusal as error:
            raise forms.ValidationError(str(error)) from error
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(CoordinatorScopedAdmin):
    form = WebhookEndpointForm
    list_display = ("url", "program", "event_list", "is_active", "deliveries_link")
    list_filter = (("program", admin.RelatedOnlyFieldListFilter), "is_active")
    list_select_related = ("program",)

    def get_fields(self, request: HttpRequest, obj=None):
        fields = ["program", "url", "events", "is_active"]
        return [*fields, "secret", "deliveries_link"] if obj else fields

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return ("secret", "deliveries_link") if obj else ()

    @admin.display(description=_("events"))
    def event_list(self, endpoint: WebhookEndpoint) -> str:
        return ", ".join(str(WebhookEvent(event).label) for event in endpoint.events)

    @admin.display(description=_("deliveries"))
    def deliveries_link(self, endpoint: WebhookEndpoint) -> str:
        url = reverse("admin:programs_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?endpoint__id__exact={}">{}</a>', url, endpoint.pk, _("The log")
        )

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        webhook_endpoint_save(endpoint=obj, by=request.user)

    actions = ["renew_secret"]

    @admin.action(description=_("Give the chosen endpoints a new signing secret"))
    def renew_secret(self, request: HttpRequest, queryset: QuerySet) -> None:
        for endpoint in queryset.select_related("program"):
            webhook_secret_renew(endpoint=endpoint, by=request.user)
        self.message_user(
            request,
            _(
                "New secrets are made: give them to the receiving systems "
                "(on each endpoint's page)."
            ),
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(CoordinatorScopedAdmin):
    """Every delivery with its attempts; one that failed, or that the receiver lost, is
    sent again from here."""

    program_path = "endpoint__program"
    list_display = (
        "created_at",
        "event",
        "endpoint",
        "state",
        "attempts",
        "last_status",
        "last_error",
        "delivered_at",
    )
    list_filter = ("state", "event", ("endpoint", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("endpoint",)
    actions = ["resend"]
    readonly_fields = (
        "endpoint",
        "event",
        "message_id",
        "payload",
        "state",
        "attempts",
        "next_attempt_at",
        "last_status",
        "last_error",
        "created_at",
        "delivered_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the chosen deliveries again"))
    def resend(self, request: HttpRequest, queryset: QuerySet) -> None:
        sent = 0
        for delivery in queryset.select_related("endpoint__program"):
            try:
                webhook_resend(delivery=delivery, by=request.user)
            except Refusal as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            sent += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery is queued to be sent again.",
                "%(count)d deliveries are queued to be sent again.",
                sent,
            )
            % {"count": sent},
        )
