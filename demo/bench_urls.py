"""The site's URLs plus a one-query page: the baseline of `bench_pages` (the same
middleware, session and template stack, one SELECT and a tiny template)."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from mentorship.models import User
from mentorship.urls import urlpatterns as site_urls

ONE_QUERY = engines["django"].from_string("<!DOCTYPE html><p>{{ n }}</p>")


def one_query(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ONE_QUERY.render({"n": User.objects.count()}, request))


urlpatterns = [path("bench/one-query/", one_query), *site_urls]
