"""Login with django-axes lockout after repeated failures."""

from __future__ import annotations

from django.urls import reverse


def test_login_then_lockout_after_five_failures(client, world):
    url = reverse("login")
    ok = client.post(url, {"username": "office1", "password": "x-Pass-12345"})
    assert ok.status_code == 302
    client.logout()
    for _ in range(5):
        response = client.post(url, {"username": "office1", "password": "wrong"})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post(url, {"username": "office1", "password": "x-Pass-12345"})
    assert response.status_code == 429
    # Another user is not affected (lockout is per user name).
    assert (
        client.post(url, {"username": "secretary1", "password": "x-Pass-12345"}).status_code == 302
    )


def test_member_home_redirects_to_own_record(client, world):
    client.force_login(world.users["member"])
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:detail", args=[world.a_members[0].pk])


def test_security_headers_and_nonce_csp(client, world):
    client.force_login(world.users["office"])
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    html = response.content.decode()
    assert "cdn" not in html.lower() and "https://" not in html
