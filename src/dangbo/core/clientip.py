"""The client's IP address of a request, behind the hospital's reverse proxy (nginx).

``REMOTE_ADDR`` is the address of whatever opened the TCP connection: behind nginx, nginx
itself. The client's address is then in ``X-Forwarded-For``, but that header is written by the
client first and only appended to by each proxy, so it is trusted only as far as the proxies
are: when ``REMOTE_ADDR`` is one of ``settings.DANGBO_TRUSTED_PROXIES`` (addresses or networks),
the header is read from the right, skipping the trusted proxies, and the first address that is
not one of them is the client. Anything to its left was written by the client and is ignored.
Without trusted proxies (the default) the header is never read.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

__all__ = ["client_ip"]


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _address(text: str | None) -> Address | None:
    """An IP address from a header entry ("203.0.113.5", "[2001:db8::1]"), or None."""
    if not text:
        return None
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, networks: Iterable[Network]) -> bool:
    return any(address.version == n.version and address in n for n in networks)


def client_ip(request: Any, trusted_proxies: Iterable[str] | None = None) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or, when that is a trusted proxy, the right-most
    address of ``X-Forwarded-For`` that is not a trusted proxy. None if nothing valid is known.

    ``trusted_proxies`` defaults to ``settings.DANGBO_TRUSTED_PROXIES``.
    """
    proxies = settings.DANGBO_TRUSTED_PROXIES if trusted_proxies is None else trusted_proxies
    networks = _networks(tuple(proxies))
    remote = _address(request.META.get("REMOTE_ADDR"))
    if remote is None or not networks or not _trusted(remote, networks):
        return str(remote) if remote is not None else None
    client = remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        if not entry.strip():
            continue
        hop = _address(entry)
        if hop is None:
            break  # garbage in the chain: keep the last address a trusted proxy vouched for
        client = hop
        if not _trusted(hop, networks):
            break
    return str(client)
