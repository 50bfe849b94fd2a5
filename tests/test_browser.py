"""In a real browser on a phone-sized screen: copying an article's link.

Playwright drives Debian's Chromium at /usr/bin/chromium; no browser is ever
downloaded. `make test` installs Chromium with apt when it is missing.
"""

from tests.browser import MARKS
from tests.factories import make_article

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True}

pytestmark = MARKS


def test_copy_link_copies_the_canonical_url_and_shows_the_toast(browser, live_server):
    article = make_article("Banjir rendam puluhan rumah")
    context = browser.new_context(**PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?utm_source=whatsapp")

    page.get_by_role("button", name="Salin tautan").click()

    toast = page.get_by_role("status").filter(has_text="URL berhasil dicopy")
    toast.wait_for(state="visible")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}{article.get_absolute_url()}"
    context.close()


def test_without_the_clipboard_api_the_link_is_shown_selected(browser, live_server):
    article = make_article("Harga cabai naik")
    context = browser.new_context(**PHONE)
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    page.get_by_role("button", name="Salin tautan").click()

    field = page.get_by_role("textbox", name="Tautan berita")
    field.wait_for(state="visible")
    assert field.input_value() == f"{live_server.url}{article.get_absolute_url()}"
    selected = page.evaluate(
        "document.activeElement.selectionEnd - document.activeElement.selectionStart"
    )
    assert selected == len(field.input_value())
    context.close()


# Every Content-Security-Policy violation a page meets, reported or not.
WATCH_POLICY = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_pages_and_the_editor_work_under_the_content_security_policy(browser, live_server):
    from tests.factories import make_editor, make_photo

    make_editor("redaktur")
    article = make_article("Banjir rendam puluhan rumah", lead_photo=make_photo())
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_POLICY)
    console = []
    page = context.new_page()
    page.on("console", lambda message: console.append(message.text))
    page.set_default_timeout(10000)

    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert page.evaluate("window.__violations") == []
    assert page.evaluate("document.querySelector('.article img').naturalWidth") > 0

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_login", "redaktur")
    page.fill("#id_password", "secret-pass-123")
    assert page.evaluate("window.__violations") == []
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    editable = page.locator(".ck-editor__editable")
    editable.click()
    page.keyboard.type("Hujan deras sejak pagi.")
    assert "Hujan deras sejak pagi." in editable.inner_text()
    assert page.evaluate("window.__violations") == []
    assert not [text for text in console if "Content Security Policy" in text]
    context.close()


def test_a_live_story_shows_a_new_entry_without_reloading(browser, live_server):
    from django.utils import timezone

    from articles import services
    from articles.models import Article, LiveEntry
    from tests.factories import make_editor

    editor = make_editor("redaktur")
    story = make_article("Langsung: Banjir Kademangan", kind=Article.Kind.LIVE)
    first = services.live_entry_save(
        entry=LiveEntry(article=story, text="Air mulai naik.", at=timezone.now()), by=editor
    )
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(10000)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    page.wait_for_load_state("networkidle")  # the read beacon is done with the database
    services.live_entry_save(
        entry=LiveEntry(article=story, text="Dapur umum dibuka.", at=timezone.now()), by=editor
    )
    # The reader comes back to the tab: the page asks at once rather than in 30 s.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    entries = page.locator(".live-entry")
    entries.first.filter(has_text="Dapur umum dibuka.").wait_for()
    assert entries.count() == 2
    assert page.get_by_role("status").filter(has_text="Pembaruan baru").is_visible()
    asked = [url for url in requests if "/pembaruan/" in url]
    assert asked and all(url.endswith(f"?setelah={first.pk}") for url in asked)
    context.close()
