from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from programs.selectors import participations_for, public_programs


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programs/home.html", {"programs": public_programs(), "now": timezone.now()}
    )


@require_GET
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(public_programs(), slug=slug)
    return render(
        request, "programs/program_detail.html", {"program": program, "now": timezone.now()}
    )


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programs/dashboard.html",
        {"participations": participations_for(request.user)},
    )
