"""axe-core finds no serious or critical accessibility violation on any public
page type, or on the admin pages reporters and editors use, on a phone and
on a desktop.

axe-core comes from package-lock.json (`make test` runs `npm ci`) and is
injected into the pages by Playwright, driving Debian's Chromium; nothing is
downloaded here, and the test is skipped where either is missing.
"""

from pathlib import Path

import pytest

from articles.models import Article, Notice
from tests.browser import MARKS
from tests.factories import make_article
from tests.test_valid_html import admin_pages, public_pages

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)
PASSWORD = "secret-pass-123"  # the factories'

# The project's own violations still waiting for their fix: (rule, element).
# The test fails once one is gone, so the list only shrinks.
PENDING = set()

pytestmark = [
    *MARKS,
    pytest.mark.skipif(
        not AXE.exists(), reason="axe-core is missing: run `npm ci --ignore-scripts`"
    ),
]


def serious_violations(page, name, pending=None):
    """axe's serious and critical violations on the page, one line each;
    those in PENDING are left out, and added to `pending` when given.

    The page's contexts bypass its Content-Security-Policy, which refuses the
    injected script (as it should refuse any)."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    for v in violations:
        known = [n for n in v["nodes"] if (v["id"], ", ".join(n["target"])) in PENDING]
        if pending is not None:
            pending.update((v["id"], ", ".join(n["target"])) for n in known)
        v["nodes"] = [n for n in v["nodes"] if n not in known]
    return [
        f"{name}: {v['impact']} {v['id']} ({len(v['nodes'])} x): "
        + " | ".join(", ".join(n["target"]) for n in v["nodes"][:3])
        for v in violations
        if v["impact"] in ("serious", "critical") and v["nodes"]
    ]


def test_no_public_page_has_a_serious_violation(browser, live_server, editor):
    found = []
    pages = public_pages(editor)
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        for name, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            found += serious_violations(page, f"{name} at {width} px")
        context.close()
    assert found == [], "\n".join(found)


def test_no_admin_page_a_reporter_or_editor_uses_has_a_serious_violation(
    browser, live_server, editor, reporter
):
    own_draft = make_article(
        "Draf wartawan", status=Article.Status.DRAFT, author=reporter.author, by=reporter
    )
    published = make_article("Banjir di Kademangan", author=editor.author)
    found, pending = [], set()
    for user, article in [(reporter, own_draft), (editor, published)]:
        Notice.objects.create(user=user, article=article, text="Menunggu redaksi")  # the badge
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            page = context.new_page()
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("#id_login", user.username)
            page.fill("#id_password", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/")
            for name, path in admin_pages(user, article).items():
                page.goto(f"{live_server.url}{path}")
                found += serious_violations(page, f"{user.username}: {name} at {width} px", pending)
            context.close()
    assert found == [], "\n".join(found)
    assert pending == PENDING, f"fixed now, remove from PENDING: {PENDING - pending}"
