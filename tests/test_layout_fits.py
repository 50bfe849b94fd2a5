"""Every admin page a reporter or an editor uses fits a phone and a desktop,
with no stray boxes; a refused save brings its first error into view.

Playwright drives Debian's Chromium at /usr/bin/chromium; nothing is downloaded.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, FrontPagePick, LiveEntry
from tests.browser import MARKS
from tests.factories import (
    make_article,
    make_bureau,
    make_editor,
    make_photo,
    make_region,
    make_reporter,
)
from tests.test_writing_in_the_browser import logged_in as writer_logged_in

PHONES = (360, 390, 430)
Status = Article.Status

pytestmark = MARKS

# How far the page reaches past the screen, and the outermost elements that do.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (!box.width || box.right <= width + 0.5) continue;
    const parent = el.parentElement.getBoundingClientRect();
    if (el.parentElement === document.body || parent.right <= width + 0.5) {
      wide.push(`${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')}`);
    }
  }
  return {over: document.documentElement.scrollWidth - width, wide: wide.slice(0, 4)};
}"""

# Headings whose box is far taller than their text: a coloured bar stretched
# behind the form (seen as bars between its fieldsets).
STRETCHED_HEADINGS = """() => [...document.querySelectorAll('#content h2, #content h3')]
  .flatMap(h => {
  const text = document.createRange();
  text.selectNodeContents(h);
  const box = h.getBoundingClientRect(), words = text.getBoundingClientRect();
  return box.height > words.height + 40
    ? [`${h.id || h.textContent.trim()}: ${Math.round(box.width)}x${Math.round(box.height)}`]
    : [];
})"""


@pytest.fixture
def desk():
    """The stories, photos and pages a reporter and an editor meet in a day."""
    editor = make_editor("redaktur")
    reporter = make_reporter("wartawan")
    region = make_region("Kabupaten Blitar", slug="blitar")
    photo = make_photo(caption="Warga menerobos banjir di jalan desa Kademangan " * 3)
    tags = ["Pemilu 2024", "Kabupaten Blitar"]
    long_title = "Pemerintah Kabupaten Blitar mengumumkan jadwal penyaluran bantuan sosial"

    draft = make_article(long_title, status=Status.DRAFT, author=reporter.author, region=region)
    returned = make_article("Jalan rusak di Kanigoro", status=Status.DRAFT, author=reporter.author)
    returned = services.article_act(article=returned, by=reporter, action="submit")
    services.article_act(
        article=returned, by=editor, action="send_back", note="Tambahkan kutipan warga. " * 8
    )
    review = make_article("Harga cabai naik", status=Status.DRAFT, author=reporter.author)
    review = services.article_act(article=review, by=reporter, action="submit")

    published = make_article(
        long_title + " tahap kedua", author=reporter.author, lead_photo=photo, tags=tags
    )
    published = services.article_save(
        article=published,
        by=editor,
        base_revision=published.revision,
        changes={"summary": "Ringkasan yang diperbarui redaksi. " * 4},
        version_note="Ringkasan diperbarui",
    )
    versions = list(published.versions.values_list("number", flat=True))

    live = make_article("Langsung: Banjir Luapan Sungai Brantas", kind=Article.Kind.LIVE)
    entry = services.live_entry_save(
        entry=LiveEntry(article=live, text="Air mulai surut di Plumpungrejo.", at=timezone.now()),
        by=editor,
    )
    services.correction_add(article=live, by=editor, kind="ralat", text="Nama desa diperbaiki.")
    services.preview_link_create(article=live, by=editor, hours=24)
    services.front_page_pick_save(pick=FrontPagePick(article=published), by=editor)
    bureau = make_bureau("Biro Blitar Raya", regions=[region], reporters=[reporter])

    def change(article):
        return reverse("admin:articles_article_change", args=[article.pk])

    common = {
        "desk": reverse("admin:index"),
        "article list": reverse("admin:articles_article_changelist"),
        "article add": reverse("admin:articles_article_add"),
        "photo list": reverse("admin:articles_photo_changelist"),
        "photo add": reverse("admin:articles_photo_add"),
        "photo change": reverse("admin:articles_photo_change", args=[photo.pk]),
        "notices": reverse("admin:articles_notice_changelist"),
        "password change": reverse("admin:password_change"),
    }
    return {
        "wartawan": {
            **common,
            "draft": change(draft),
            "returned draft": change(returned),
            "story in review": change(review),
            "history": reverse("admin:articles_article_history", args=[draft.pk]),
        },
        "redaktur": {
            **common,
            "story in review": change(review),
            "published story": change(published),
            "live story": change(live),
            "review queue": reverse("admin:articles_reviewqueue_changelist"),
            "live entries": reverse("admin:articles_liveentry_changelist"),
            "live entry add": reverse("admin:articles_liveentry_add") + f"?article={live.pk}",
            "live entry change": reverse("admin:articles_liveentry_change", args=[entry.pk]),
            "history": reverse("admin:articles_article_history", args=[published.pk]),
            "compare": reverse("admin:articles_article_compare", args=[published.pk])
            + f"?from={versions[-1]}&to={versions[0]}",
            "front page": reverse("admin:articles_frontpagepick_changelist"),
            "bureaus": reverse("admin:articles_bureau_changelist"),
            "bureau change": reverse("admin:articles_bureau_change", args=[bureau.pk]),
            "audit list": reverse("admin:articles_accountevent_changelist"),
            "accounts": reverse("admin:auth_user_changelist"),
            "account change": reverse("admin:auth_user_change", args=[reporter.pk]),
        },
    }


def logged_in(browser, live_server, username, width):
    height = 844 if width < 800 else 900
    return writer_logged_in(
        browser, live_server, username, viewport={"width": width, "height": height}
    )


@pytest.mark.parametrize("who", ["wartawan", "redaktur"])
def test_every_admin_page_fits_a_phone_and_a_desktop(browser, live_server, desk, who):
    too_wide, stray = [], []
    for width in (390, 1366):
        context, page = logged_in(browser, live_server, who, width)
        for name, path in desk[who].items():
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, f"{who}: {name} ({path}) answered {response.status}"
            page.wait_for_load_state("load")
            found = page.evaluate(OVERFLOW)
            if found["over"] > 0:
                too_wide.append(f"{name} at {width} px: {found['over']} px over {found['wide']}")
            stray += [f"{name} at {width} px: {h}" for h in page.evaluate(STRETCHED_HEADINGS)]
        context.close()
    assert too_wide == []
    assert stray == []


@pytest.mark.parametrize("who", ["wartawan", "redaktur"])
def test_the_article_form_and_its_action_bar_fit_every_phone(browser, live_server, desk, who):
    forms = [name for name in ("draft", "published story", "live story") if name in desk[who]]
    too_wide = []
    for width in PHONES:
        context, page = logged_in(browser, live_server, who, width)
        for name in ["article add", *forms]:
            page.goto(f"{live_server.url}{desk[who][name]}")
            page.wait_for_load_state("load")
            found = page.evaluate(OVERFLOW)
            if found["over"] > 0:
                too_wide.append(f"{name} at {width} px: {found['over']} px over {found['wide']}")
            bar = page.locator(".article-actions").bounding_box()
            if bar["x"] < 0 or bar["x"] + bar["width"] > width:
                too_wide.append(f"{name} at {width} px: the action bar spans {bar}")
        context.close()
    assert too_wide == []


def test_a_refused_save_shows_and_marks_the_first_missing_field(browser, live_server, desk):
    """An editor's new live story without body, region or author: the
    screen goes to the body, the cursor is in it, and each field is marked."""
    context, page = logged_in(browser, live_server, "redaktur", 390)
    page.goto(f"{live_server.url}{reverse('admin:articles_article_add')}")
    page.fill("#id_title", "Langsung: banjir di Kademangan")
    page.select_option("#id_kind", Article.Kind.LIVE)
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan", exact=True).click()
    body = page.locator(".field-body .ck-editor__editable")
    page.locator(".field-body .ck-editor__editable[aria-invalid=true]").wait_for()
    assert body.evaluate("el => el.contains(document.activeElement)")
    box = body.bounding_box()
    assert 0 <= box["y"] < 844, box  # on the screen, not far below
    for name in ("body", "region", "author"):
        row = page.locator(f".form-row.field-{name}")
        assert "has-error" in row.get_attribute("class"), name
        assert row.locator("[aria-invalid=true]").count() > 0, name
    # The note at the top leads to each field.
    links = page.locator(".errornote-fields a")
    assert links.all_inner_texts() == ["Isi", "Wilayah", "Penulis"]
    links.nth(2).click()
    assert page.locator(".field-author .select2-selection").evaluate(
        "el => el === document.activeElement"
    )
    assert Article.objects.filter(title="Langsung: banjir di Kademangan").count() == 0
    context.close()
