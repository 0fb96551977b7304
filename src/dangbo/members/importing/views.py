"""Placeholder; replaced by the import/export module."""

from django.http import Http404


def import_upload(request):
    raise Http404


import_confirm = import_template = export = import_upload
