"""core.clientip: the client's address behind trusted proxies, X-Forwarded-For never trusted
from anyone else."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from dangbo.core.clientip import client_ip


def _request(remote: str | None, forwarded: str | None = None):
    meta = {}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    if remote is None:
        del request.META["REMOTE_ADDR"]
    else:
        request.META["REMOTE_ADDR"] = remote
    return request


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        # No trusted proxy (the default): REMOTE_ADDR, whatever the header says.
        ("192.168.1.7", "6.6.6.6", [], "192.168.1.7"),
        ("192.168.1.7", None, [], "192.168.1.7"),
        # From a trusted proxy: the right-most address that is not a trusted proxy.
        ("10.0.0.1", "192.168.1.7", ["10.0.0.1"], "192.168.1.7"),
        ("10.0.0.1", "6.6.6.6, 192.168.1.7", ["10.0.0.1"], "192.168.1.7"),
        ("10.0.0.1", "6.6.6.6, 192.168.1.7, 10.0.0.2", ["10.0.0.0/24"], "192.168.1.7"),
        ("127.0.0.1", "2001:db8::5", ["127.0.0.1", "::1"], "2001:db8::5"),
        ("::1", "[2001:db8::5]", ["::1"], "2001:db8::5"),
        # A peer that is not a trusted proxy cannot choose its address.
        ("192.168.1.7", "10.0.0.9", ["10.0.0.1"], "192.168.1.7"),
        # A trusted proxy without the header, or with only trusted hops or garbage.
        ("10.0.0.1", None, ["10.0.0.1"], "10.0.0.1"),
        ("10.0.0.1", "", ["10.0.0.1"], "10.0.0.1"),
        ("10.0.0.1", "10.0.0.2", ["10.0.0.0/24"], "10.0.0.2"),
        ("10.0.0.1", "6.6.6.6, not-an-ip, 10.0.0.2", ["10.0.0.0/24"], "10.0.0.2"),
        ("10.0.0.1", "6.6.6.6, , 192.168.1.7", ["10.0.0.1"], "192.168.1.7"),
        # IPv4 mapped into IPv6 (a dual-stack socket) is the IPv4 address.
        ("::ffff:10.0.0.1", "192.168.1.7", ["10.0.0.1"], "192.168.1.7"),
        # No usable REMOTE_ADDR.
        (None, "6.6.6.6", ["10.0.0.1"], None),
        ("", None, [], None),
        ("garbage", None, [], None),
    ],
)
def test_client_ip(remote, forwarded, proxies, expected):
    assert client_ip(_request(remote, forwarded), proxies) == expected


def test_client_ip_reads_the_setting(settings):
    request = _request("10.0.0.1", "6.6.6.6, 192.168.1.7")
    settings.DANGBO_TRUSTED_PROXIES = []
    assert client_ip(request) == "10.0.0.1"
    settings.DANGBO_TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(request) == "192.168.1.7"
