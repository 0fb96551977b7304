"""Middleware: the interface language, and the error pages (see ``core.error_views``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from dangbo.core import error_views


class ErrorPagesMiddleware:
    """A locked database → 503 "Hệ thống đang bận"; Django's empty 405 → a Vietnamese page.

    Last in ``MIDDLEWARE``, so that it sees the view's exceptions first and its pages still
    pass through the CSP, session and message middleware. A 405 that has a body of its own
    (the JSON API's) is left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            return error_views.method_not_allowed(request, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if error_views.is_locked_database(exception):
            return error_views.busy(request)
        return None


class VietnameseByDefaultMiddleware:
    """Vietnamese whatever the browser's language (issue 7, item 5): offices' PCs and phones
    often run an English browser, and the staff work in Vietnamese. The language is Vietnamese
    (``LANGUAGE_CODE``) unless the user chose English with the switcher, which Django's
    ``set_language`` remembers in the language cookie. Placed just before Django's
    ``LocaleMiddleware``, it hides the browser's ``Accept-Language`` from it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
