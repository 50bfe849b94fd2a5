"""Two-factor sign-in on a 390 px phone, in Chromium: an editor sets up the
authenticator app at the first login, signs in with password and code, uses
a recovery code once, and is locked out after five wrong codes.

Playwright drives Debian's Chromium at /usr/bin/chromium; nothing is downloaded.
"""

import time

import pyotp
import pytest

from tests.browser import MARKS
from tests.factories import make_editor, make_region

pytestmark = [*MARKS, pytest.mark.second_factor]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
PASSWORD = "secret-pass-123"  # the factories'


def fresh_code(secret):
    """The app's code now, with a few seconds of its 30 left to type it."""
    totp = pyotp.TOTP(secret)
    if totp.interval - time.time() % totp.interval < 4:
        time.sleep(totp.interval - time.time() % totp.interval + 0.5)
    return totp.now()


def open_phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(30000)
    refused = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )
    return context, page, refused


def password_step(page, live_server, username):
    page.goto(f"{live_server.url}/admin/")  # the admin sends a stranger to sign in
    page.wait_for_url("**/akun/login/?next=*")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def code_step(page, code):
    page.wait_for_url("**/akun/2fa/authenticate/")
    page.fill("#id_code", code)
    page.click("#login-form input[type=submit]")


def sign_out(page):
    page.click("#logout-form button")
    page.wait_for_load_state()


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_editor_enrols_signs_in_with_a_code_and_a_recovery_code_and_is_locked_out(
    browser, live_server
):
    editor = make_editor("redaktur-blitar", regions=[make_region("Blitar")])
    context, page, refused = open_phone(browser)

    # First login: the password, then straight to setting up the app.
    password_step(page, live_server, editor.username)
    page.wait_for_url("**/akun/2fa/totp/activate/")
    assert page.locator("figure.totp-qr svg").is_visible()  # the QR code, drawn inline
    assert fits(page)
    secret = page.inner_text("#totp-secret").strip()
    page.fill("#id_code", fresh_code(secret))
    page.click("input[type=submit].default")
    page.wait_for_url("**/akun/2fa/recovery-codes/")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert fits(page)
    page.click("text=Lanjut ke meja redaksi")
    page.wait_for_url("**/admin/")
    sign_out(page)

    # Password and the app's code.
    password_step(page, live_server, editor.username)
    code_step(page, fresh_code(secret))
    page.wait_for_url("**/admin/")
    assert page.locator("#user-tools").is_visible()
    for link in ("Sesi masuk", "Ganti kata sandi"):  # from the admin's user links
        page.click(f"#user-tools >> text={link}")
        page.wait_for_load_state()
        assert fits(page), link
    assert page.locator(".errornote").count() == 0
    page.goto(f"{live_server.url}/admin/")
    sign_out(page)

    # A recovery code opens the admin once, and is refused the second time.
    password_step(page, live_server, editor.username)
    code_step(page, codes[0])
    page.wait_for_url("**/admin/")
    sign_out(page)
    password_step(page, live_server, editor.username)
    code_step(page, codes[0])
    assert page.locator(".errornote").is_visible()
    assert page.url.endswith("/akun/2fa/authenticate/")
    assert fits(page)
    assert refused == []
    context.close()

    # Another phone: five wrong codes lock the account, as five wrong passwords do.
    context, page, refused = open_phone(browser)
    password_step(page, live_server, editor.username)
    for _ in range(4):
        code_step(page, "00000000")
        assert page.locator(".errornote").is_visible()
    page.fill("#id_code", "00000000")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.click("#login-form input[type=submit]")
    assert answer.value.status == 429
    assert "Coba lagi dalam" in page.content()
    page.goto(f"{live_server.url}/admin/")
    assert "/admin/akun/" in page.url  # still not signed in
    context.close()
