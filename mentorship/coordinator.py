"""The shell of every coordinator page outside the stock admin (the matching board, the
cohort health page, fees, closing, attendance): the admin's frame and the one check of
who may open a cohort's page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from programs.models import Cohort, Program
from programs.rules import may_coordinate


def coordinated_cohort(request: HttpRequest, cohort_id: int) -> Cohort:
    """The cohort of a coordinator's page; another program's cohort is not there for them
    (404, not 403: its existence is nobody else's business)."""
    cohort = get_object_or_404(Cohort.objects.select_related("program"), pk=cohort_id)
    if not may_coordinate(request.user, cohort):
        raise Http404
    return cohort


def coordinator_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a coordinator page inside the admin's frame (sidebar, breadcrumbs, user
    links); the context names the page's `title`."""
    return TemplateResponse(request, template, {**admin.site.each_context(request), **context})


def coordinated_program(request: HttpRequest, program_id: int) -> Program:
    """The program of a coordinator's page, on the same terms as `coordinated_cohort`."""
    program = get_object_or_404(Program, pk=program_id)
    if not may_coordinate(request.user, program):
        raise Http404
    return program
