"""The one way a meetings page fetches the meeting of its URL: among the meetings the actor
reads (her organizations', or one she is invited to), 404 otherwise — shared by the pages of
meetings, minutes, documents and the calendar."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from dangbo.meetings import queries
from dangbo.meetings.models import Meeting


def meeting_or_404(request: HttpRequest, pk: int, *related: str) -> Meeting:
    qs = queries.readable_meetings(request.user).select_related("organization", *related)
    meeting: Meeting = get_object_or_404(qs, pk=pk)
    return meeting
