"""The newsroom's data: authors, regions, photos, articles and their tags."""

import uuid
from collections import defaultdict

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from . import photos

EXCERPT_WORDS = 30


def _random_key():
    return uuid.uuid4().hex


class Author(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text=_(
            "Akun yang dipakai penulis untuk masuk. Kosongkan untuk penulis kolektif "
            "seperti “Redaksi”."
        ),
    )
    name = models.CharField(_("nama"), max_length=100, help_text=_("Nama yang tampil di byline."))
    slug = models.SlugField(
        _("alamat"), max_length=100, unique=True, help_text=_("Bagian alamat halaman penulis.")
    )
    initials = models.CharField(
        _("inisial"),
        max_length=10,
        help_text=_("Kode singkat di akhir berita, misalnya “Les”."),
    )
    bio = models.TextField(_("bio singkat"), blank=True, help_text=_("Satu atau dua kalimat."))
    portrait = models.ImageField(
        _("foto profil"),
        upload_to="authors/",
        blank=True,
        validators=[photos.validate_image],
        help_text=_("Foto wajah, opsional. JPEG, PNG atau WebP."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("penulis")
        verbose_name_plural = _("penulis")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


def region_descendant_ids(regions, region):
    """The ids of `region` and every region below it, among `regions`."""
    children = defaultdict(list)
    for other in regions:
        children[other.parent_id].append(other.pk)
    ids, stack = [], [region.pk]
    while stack:
        pk = stack.pop()
        ids.append(pk)
        stack.extend(children[pk])
    return ids


def region_path(regions, region):
    """`region` and its parents among `regions`, from the top: Jawa Timur, Blitar."""
    by_id = {other.pk: other for other in regions}
    path, node = [], by_id.get(region.pk, region)
    while node is not None and node not in path:
        path.insert(0, node)
        node = by_id.get(node.parent_id)
    return path


class RegionQuerySet(models.QuerySet):
    def descendant_ids(self, region):
        """The ids of `region` and every region below it, in one query."""
        return region_descendant_ids(self.only("pk", "parent_id"), region)


class Region(models.Model):
    name = models.CharField(
        _("nama"), max_length=80, help_text=_("Nama wilayah, juga tempat berita di awal isi.")
    )
    slug = models.SlugField(
        _("alamat"), max_length=80, unique=True, help_text=_("Bagian alamat halaman wilayah.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Wilayah induk, misalnya Jawa Timur untuk Blitar."),
    )
    ordering = models.PositiveSmallIntegerField(
        _("urutan"), default=0, help_text=_("Angka kecil tampil lebih dulu di menu.")
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["ordering", "name"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:region", kwargs={"slug": self.slug})

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("Wilayah tidak boleh menjadi induk dirinya.")})
            node = node.parent


class Photo(models.Model):
    image = models.ImageField(
        _("gambar"),
        upload_to="photos/%Y/%m/",
        validators=[photos.validate_image],
        help_text=_(
            "JPEG, PNG atau WebP. Foto diputar sesuai orientasinya dan data lokasi serta "
            "kamera dihapus sebelum disimpan."
        ),
    )
    width = models.PositiveIntegerField(_("lebar"), editable=False, default=0)
    height = models.PositiveIntegerField(_("tinggi"), editable=False, default=0)
    caption = models.CharField(
        _("keterangan"),
        max_length=300,
        blank=True,
        help_text=_("Apa yang terlihat di foto, misalnya “Warga antre di depan TPS Sananwetan.”"),
    )
    credit = models.CharField(
        _("kredit"),
        max_length=100,
        blank=True,
        help_text=_("Inisial koran, garis miring, nama fotografer, misalnya “KJ/Rahmat”."),
    )
    photographer = models.ForeignKey(
        Author,
        verbose_name=_("fotografer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photos",
        help_text=_("Jika fotografernya penulis kita: namanya di kredit menjadi tautan."),
    )
    alt_text = models.CharField(
        _("teks alternatif"),
        max_length=200,
        blank=True,
        help_text=_("Deskripsi singkat untuk pembaca tunanetra."),
    )
    # The point of interest, from 0 to 1 across and down: every crop keeps it
    # in frame (articles.photos). An editor sets it by tapping the photo.
    focus_x = models.FloatField(
        _("titik fokus (kiri-kanan)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    focus_y = models.FloatField(
        _("titik fokus (atas-bawah)"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    # Renditions live under renditions/<key>/: a random folder, so the public
    # URLs of photos for unpublished stories cannot be guessed from ids.
    key = models.CharField(max_length=32, unique=True, editable=False, default=_random_key)
    renditions = models.JSONField(_("ukuran turunan"), default=dict, editable=False)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("foto")
        verbose_name_plural = _("foto")

    def __str__(self):
        return self.caption or self.image.name

    @property
    def focus(self):
        return (self.focus_x, self.focus_y)

    @property
    def is_portrait(self):
        return self.height > self.width

    def in_use(self):
        """Whether a story shows this photo (`Article.objects.showing_photo`)
        or could show it again: a kept version (which can be restored) or
        someone's autosave copy holds it. A photo in use is never deleted."""
        in_text = Q(body__contains=f"/renditions/{self.key}/")
        return (
            Article.objects.showing_photo(self).exists()
            or ArticleVersion.objects.filter(in_text).exists()
            or ArticleAutosave.objects.filter(in_text).exists()
        )


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )
    # The story's `listed_from` (its publish time while it is published,
    # else None), kept by the services whenever its status, publish time or
    # tags change: a tag's newest story is one index probe, not a walk
    # through all of its stories (the tag sitemap, 40,000 tags).
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("tag artikel")
        verbose_name_plural = _("tag artikel")
        indexes = [
            models.Index(
                fields=["tag", "-published_at"],
                condition=Q(published_at__isnull=False),
                name="tagged_article_tag_pub_idx",
            )
        ]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publish time that has come.

        Every public page, list, feed, sitemap, search and count starts here.
        A scheduled article is simply published with a future time, so it
        appears by itself when the time passes; no worker is needed.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """The joins a listing card needs, stated once for every list."""
        return self.select_related("region", "author", "lead_photo")

    def with_bylines(self):
        """The co-authors in byline order, in one more query for any number of stories."""
        return self.prefetch_related(
            models.Prefetch("byline_set", queryset=Byline.objects.select_related("author"))
        )

    def showing_photo(self, photo):
        """Stories that show `photo` to whoever opens them: as their lead photo,
        in their body (by its renditions' folder) or in one of their live
        entries. The one rule for who may still change a photo, what its
        change purges and whether it is in use."""
        return self.filter(
            Q(lead_photo=photo)
            | Q(body__contains=f"/renditions/{photo.key}/")
            | Q(pk__in=LiveEntry.objects.filter(photo=photo).values("article_id"))
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIEW = "review", _("Menunggu redaksi")
        RETURNED = "returned", _("Dikembalikan")
        PUBLISHED = "published", _("Terbit")
        UNPUBLISHED = "unpublished", _("Ditarik")
        # Taken down for a legal or ethical reason: its address tells readers
        # so (410), as the Press Council's guideline for online media asks.
        WITHDRAWN = "withdrawn", _("Dicabut")

    title = models.CharField(_("judul"), max_length=200, help_text=_("Judul berita."))
    slug = models.SlugField(
        _("alamat"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_(
            "Bagian alamat berita. Kosongkan agar dibuat dari judul. "
            "Tidak bisa diubah setelah terbit."
        ),
    )
    summary = models.TextField(
        _("ringkasan"),
        max_length=300,
        blank=True,
        help_text=_("Satu atau dua kalimat untuk daftar berita dan pratinjau tautan."),
    )
    body = CKEditor5Field(
        _("isi"),
        help_text=_("Isi berita. Nama koran dan tempat berita ditulis otomatis di awal."),
    )
    # The body as plain text, for excerpts, search and snippets; kept by the services.
    body_text = models.TextField(editable=False, blank=True)
    # Weighted title/summary/body lexemes, kept by the services on PostgreSQL.
    search_vector = SearchVectorField(null=True, editable=False)
    dateline_place = models.CharField(
        _("tempat berita"),
        max_length=80,
        blank=True,
        help_text=_(
            "Tempat peliputan, ditulis di awal isi (“KABARJATIM.ID, Blitar - …”). "
            "Kosongkan untuk memakai nama wilayah."
        ),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Wilayah berita ini."),
    )
    author = models.ForeignKey(
        Author,
        verbose_name=_("penulis"),
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Penulis yang tampil di byline."),
    )
    coauthors = models.ManyToManyField(
        Author,
        verbose_name=_("penulis lain"),
        through="Byline",
        related_name="coauthored",
        blank=True,
    )
    editor = models.ForeignKey(
        Author,
        verbose_name=_("editor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="edited",
        help_text=_("Redaktur yang menyunting. Kosongkan agar diisi redaktur yang menerbitkan."),
    )
    lead_photo = models.ForeignKey(
        Photo,
        verbose_name=_("foto utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("Foto di atas berita, dengan keterangan dan kredit."),
    )
    tags = TaggableManager(
        verbose_name=_("tag"),
        through=TaggedArticle,
        blank=True,
        help_text=_("Pisahkan dengan koma, misalnya “Pemilu 2024, Blitar”."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(_("waktu terbit"), null=True, blank=True, editable=False)
    first_published_at = models.DateTimeField(
        _("pertama terbit"), null=True, blank=True, editable=False
    )
    revised_at = models.DateTimeField(
        _("diperbarui"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Kapan isi berita yang sudah terbit terakhir diubah."),
    )
    # Advanced by every change, of content or status: a form that opened the
    # article at another revision is refused as stale (see articles.services).
    revision = models.PositiveIntegerField(_("revisi"), default=0, editable=False)

    class Kind(models.TextChoices):
        NEWS = "news", _("Berita")
        ADVERTORIAL = "advertorial", _("Advertorial")
        # Live coverage: timestamped entries, newest first, while the event runs.
        LIVE = "live", _("Liputan langsung")

    # Sponsored stories are labelled wherever they appear, as the Press
    # Council's guideline for online media asks; only editors set it.
    kind = models.CharField(
        _("jenis"),
        max_length=20,
        choices=Kind,
        default=Kind.NEWS,
        help_text=_(
            "Advertorial: berita berbayar, diberi label di mana pun tampil. "
            "Liputan langsung: pembaruan bertanggal, terbaru di atas."
        ),
    )
    # A breaking story is announced in a bar on every public page until then.
    breaking_until = models.DateTimeField(
        _("berita terkini sampai"),
        null=True,
        blank=True,
        help_text=_(
            "Tampilkan berita ini di bar berita terkini di semua halaman sampai waktu ini (WIB)."
        ),
    )
    live_until = models.DateTimeField(
        _("liputan langsung sampai"),
        null=True,
        blank=True,
        help_text=_(
            "Untuk liputan langsung: isi saat liputan selesai. Pembaca lalu berhenti "
            "menerima pembaruan otomatis."
        ),
    )
    # Kept by services.correction_add, so a page asks for corrections only
    # when there are some.
    correction_count = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("artikel")
        verbose_name_plural = _("artikel")
        # One per listing's filter and order: the front page and feeds, a
        # region's, an author's, and the sitemaps' newest revision.
        indexes = [
            # With the id, the sitemap finds a page's first story in the index alone.
            models.Index(
                fields=["status", "-published_at"], include=["id"], name="article_status_pub_idx"
            ),
            models.Index(fields=["region", "-published_at"], name="article_region_pub_idx"),
            models.Index(fields=["author", "-published_at"], name="article_author_pub_idx"),
            models.Index(fields=["-revised_at"], name="article_revised_idx"),
            # The timed changes (caching.seconds_to_next_timed_change) and the
            # breaking bar: a handful of stories each, found without the archive.
            models.Index(
                fields=["breaking_until"],
                condition=Q(breaking_until__isnull=False),
                name="article_breaking_until_idx",
            ),
            models.Index(
                fields=["live_until"], condition=Q(kind="live"), name="article_live_until_idx"
            ),
        ]
        permissions = [
            ("publish_article", _("Dapat menerbitkan, menjadwalkan, dan menarik artikel")),
            ("edit_any_article", _("Dapat melihat dan menyunting artikel siapa pun")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_advertorial(self):
        return self.kind == self.Kind.ADVERTORIAL

    @property
    def is_live_coverage(self):
        """A live story whose coverage still runs: readers' pages fetch new entries."""
        return self.kind == self.Kind.LIVE and (
            self.live_until is None or self.live_until > timezone.now()
        )

    def bylines(self):
        """Every author in byline order: the lead author, then the co-authors.
        Pages that show them prefetch them (`with_bylines()`)."""
        return [self.author, *(byline.author for byline in self.byline_set.all())]

    def signoff(self):
        """`Les/Rah`: every author's initials, as the story's last words."""
        return "/".join(author.initials for author in self.bylines())

    @property
    def listed_from(self):
        """When readers may see it from: its publish time while it is
        published, else None (`published()`, at a given time)."""
        return self.published_at if self.status == self.Status.PUBLISHED else None

    @property
    def is_public_now(self):
        """Readers can see it now: published, and its publish time has come.
        (A live blog is `Kind.LIVE`; one still running, `is_live_coverage`.)"""
        return self.status == self.Status.PUBLISHED and not self.is_scheduled

    def get_status_display_full(self):
        """The status as the newsroom says it: a future publication is "Terjadwal"."""
        return _("Terjadwal") if self.is_scheduled else self.get_status_display()

    @property
    def dateline(self):
        """`KABARJATIM.ID, Blitar`: the paper in capitals and the story's place."""
        place = self.dateline_place or self.region.name
        return f"{settings.NEWSROOM_NAME.upper()}, {place}"

    def excerpt(self):
        """Dateline and the start of the body, cut at a word boundary with `…`."""
        text = self.body_text
        return Truncator(f"{self.dateline} - {text}").words(EXCERPT_WORDS, truncate="…")


class Byline(models.Model):
    """A co-author of a story, in byline order after the lead author."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, verbose_name=_("penulis"), on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_once_per_story")
        ]

    def __str__(self):
        return str(self.author)


class LiveEntry(models.Model):
    """One timestamped update of a live story, added by an editor while the event runs."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("liputan"),
        on_delete=models.CASCADE,
        related_name="live_entries",
        limit_choices_to={"kind": "live"},
    )
    at = models.DateTimeField(
        _("waktu"),
        default=timezone.now,
        blank=True,  # then the moment it is saved
        help_text=_("Waktu pembaruan (WIB). Kosongkan untuk saat disimpan."),
    )
    headline = models.CharField(
        _("judul singkat"), max_length=150, blank=True, help_text=_("Opsional, dicetak tebal.")
    )
    text = models.TextField(_("isi"), help_text=_("Teks biasa; baris kosong memisahkan paragraf."))
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("pembaruan langsung")
        verbose_name_plural = _("pembaruan langsung")
        indexes = [models.Index(fields=["article", "-at"], name="live_entry_article_at_idx")]

    def __str__(self):
        return self.headline or Truncator(self.text).words(8, truncate="…")


class ArticleTransition(models.Model):
    """One status change: who moved which article from what to what, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("dari"), max_length=20, choices=Article.Status)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=Article.Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), null=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    publish_at = models.DateTimeField(_("jadwal terbit"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("perubahan status")
        verbose_name_plural = _("perubahan status")

    def __str__(self):
        return f"{self.article}: {self.from_status} → {self.to_status}"


class ArticleVersion(models.Model):
    """A saved copy of an article's text. Versions are never deleted or changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    title = models.CharField(_("judul"), max_length=200)
    summary = models.TextField(_("ringkasan"), blank=True)
    body = models.TextField(_("isi"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), null=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    note = models.CharField(_("catatan"), max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("versi artikel")
        verbose_name_plural = _("versi artikel")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_article_version")
        ]

    def __str__(self):
        return f"{self.article} v{self.number}"


class ArticleAutosave(models.Model):
    """What one person was typing in an article, saved every few seconds.

    Not a version, never shown to readers, and it leaves the article's
    revision alone, so nobody else's save is refused because of it. A real
    save by the same person removes it.
    """

    AUTOSAVED_FIELDS = ("title", "summary", "body", "dateline_place")
    # The form's other fields, by the names the form posts, kept in `fields`:
    # a chosen row as [{"id", "label"}] (the label re-creates the option of
    # an autocomplete), the others as the text typed. Checked by the service.
    CHOSEN_FIELDS = ("region", "lead_photo", "author", "editor", "coauthors")
    OTHER_FIELDS = (
        *CHOSEN_FIELDS,
        "tags",
        "kind",
        "slug",
        "publish_at",
        "workflow_note",
        "breaking_until",
        "breaking_until_0",
        "breaking_until_1",
        "live_until",
        "live_until_0",
        "live_until_1",
    )

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="autosaves")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    dateline_place = models.CharField(max_length=80, blank=True)
    fields = models.JSONField(default=dict, blank=True)
    base_revision = models.PositiveIntegerField()
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("simpanan otomatis")
        verbose_name_plural = _("simpanan otomatis")
        constraints = [
            models.UniqueConstraint(fields=["article", "by"], name="one_autosave_per_person")
        ]

    def __str__(self):
        return f"{self.article} ({self.by})"


class FrontPagePickQuerySet(models.QuerySet):
    def active(self):
        """Picks in force now: confirmed, not expired, of stories readers may see."""
        return self.filter(
            Q(until__isnull=True) | Q(until__gt=timezone.now()),
            confirmed=True,
            article__in=Article.objects.published(),
        )


class FrontPagePick(models.Model):
    """An editor's choice for the front page, without touching publish times:
    the lead story, or one of "Pilihan Redaksi", each until a time if set."""

    class Slot(models.TextChoices):
        LEAD = "lead", _("Berita utama")
        PICK = "pick", _("Pilihan redaksi")

    article = models.ForeignKey(
        Article, verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="picks"
    )
    slot = models.CharField(_("tempat"), max_length=10, choices=Slot, default=Slot.PICK)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    until = models.DateTimeField(
        _("sampai"), null=True, blank=True, help_text=_("Kosongkan agar berlaku sampai diganti.")
    )
    # A bureau editor proposes; the chief editor confirms (services.front_page).
    confirmed = models.BooleanField(_("dikonfirmasi"), default=True, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diusulkan oleh"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = FrontPagePickQuerySet.as_manager()

    class Meta:
        ordering = ["slot", "order", "pk"]
        verbose_name = _("pilihan halaman depan")
        verbose_name_plural = _("halaman depan")
        # Picks without an end are in force until deleted: one per story.
        # Timed ones are checked by services.front_page_pick_save under its lock.
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(slot="pick", until__isnull=True),
                name="pick_once_per_story",
                violation_error_message=_("Berita ini sudah ada di Pilihan Redaksi."),
            )
        ]

    def __str__(self):
        return f"{self.get_slot_display()}: {self.article}"


class Correction(models.Model):
    """A correction (ralat) or a right of reply (hak jawab) to a published story,
    shown with it, as the Press Council's guideline for online media asks."""

    class Kind(models.TextChoices):
        CORRECTION = "ralat", _("Ralat")
        REPLY = "hak-jawab", _("Hak jawab")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(_("isi"))
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("ralat")
        verbose_name_plural = _("ralat dan hak jawab")
        # /ralat/ reads the newest few, not every correction of the archive.
        indexes = [models.Index(fields=["-at"], name="correction_at_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"


class Page(models.Model):
    """A standing page editors keep: the Press Council's guideline for online
    media (Pedoman Pemberitaan Media Siber), the corrections policy."""

    slug = models.SlugField(_("alamat"), max_length=100, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    body = CKEditor5Field(_("isi"), config_name="page")
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("halaman")
        verbose_name_plural = _("halaman")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:page", kwargs={"slug": self.slug})


class Notice(models.Model):
    """A workflow notice in the admin (beside its email): a story sent to the
    editors, sent back, published. Unread until its reader opens the list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    article = models.ForeignKey(
        Article, verbose_name=_("artikel"), on_delete=models.CASCADE, null=True
    )
    text = models.CharField(_("pemberitahuan"), max_length=300)
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        indexes = [models.Index(fields=["user", "read_at"], name="notice_unread")]

    def __str__(self):
        return self.text


class PreviewLink(models.Model):
    """A link that shows an unpublished article without logging in, until it
    expires or is revoked. The token is random and unguessable."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"))
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tautan pratinjau")
        verbose_name_plural = _("tautan pratinjau")

    def __str__(self):
        return f"{self.article} ({self.expires_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("articles:preview_link", kwargs={"token": self.token})

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


class ArticleRead(models.Model):
    """How many times readers opened an article on one day (for "Terpopuler")."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reads")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="unique_article_read_day")
        ]
        indexes = [models.Index(fields=["day"], name="article_read_day_idx")]
        verbose_name = _("jumlah baca")
        verbose_name_plural = _("jumlah baca")

    def __str__(self):
        return f"{self.article} {self.day}: {self.count}"


class ReadTotal(models.Model):
    """A story's reads over the "Terpopuler" window (articles.popularity): the
    rollup of its `ArticleRead` rows, kept up to date by the read counting,
    so the ranking is read from an index instead of added up."""

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="read_total"
    )
    reads = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["-reads"], name="read_total_reads_idx")]

    def __str__(self):
        return f"{self.article_id}: {self.reads}"


class ReadWindow(models.Model):
    """One row: the first day the `ReadTotal` rows count (articles.popularity)."""

    since = models.DateField()

    def __str__(self):
        return str(self.since)


class ReviewQueue(Article):
    """The editors' review queue: articles waiting for a decision."""

    class Meta:
        proxy = True
        verbose_name = _("antrean redaksi")
        verbose_name_plural = _("antrean redaksi")


class CacheGeneration(models.Model):
    """The generation every kept page belongs to (articles.caching), one row.

    A purge the cache could not take (Redis stopped or frozen) advances it,
    so no page kept before that purge is served once Redis is back, even
    from a dump written before the change. Kept here, in the database,
    because the cache cannot be trusted to remember what it missed.
    """

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return str(self.number)


class Bureau(models.Model):
    """A bureau (biro): the desk for one or more regions, with its editors and
    reporters. A bureau's editors decide on the stories of its regions and of
    every region below them (`workflow.regions_edited_by`)."""

    name = models.CharField(_("nama"), max_length=80, unique=True)
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("wilayah"),
        related_name="bureaus",
        help_text=_("Berita wilayah ini dan sub-wilayahnya masuk antrean biro."),
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("redaktur"),
        related_name="bureaus_edited",
        blank=True,
    )
    reporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wartawan"),
        related_name="bureaus_reported",
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("biro")
        verbose_name_plural = _("biro")
        permissions = [
            (
                "lead_newsroom",
                _("Memimpin redaksi: semua wilayah, halaman depan, berita terkini, biro dan akun"),
            )
        ]

    def __str__(self):
        return self.name


class AccountEvent(models.Model):
    """Something that happened to a staff account, for the chief editor's
    audit list beside the workflow's own history."""

    class Kind(models.TextChoices):
        ROLES_CHANGED = "roles_changed", _("Peran atau biro diubah")
        DEACTIVATED = "deactivated", _("Akun dinonaktifkan")
        REACTIVATED = "reactivated", _("Akun diaktifkan lagi")
        SECOND_FACTOR_ADDED = "second_factor_added", _("Verifikasi dua langkah dipasang")
        SECOND_FACTOR_RESET = "second_factor_reset", _("Verifikasi dua langkah diatur ulang")
        PASSWORD_CHANGED = "password_changed", _("Kata sandi diganti")
        SESSIONS_ENDED = "sessions_ended", _("Sesi lain diakhiri")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.CASCADE,
        related_name="account_events",
    )
    kind = models.CharField(_("kejadian"), max_length=30, choices=Kind)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    detail = models.CharField(_("keterangan"), max_length=300, blank=True)
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("kejadian akun")
        verbose_name_plural = _("jejak audit")

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()}"


class Redirect(models.Model):
    """An old address that answers a permanent redirect to its new one: the
    links search engines, chat groups and other sites hold to stories that
    moved in (from WordPress: `import_wordpress`), or that an editor adds.
    `old_path` is a path, with its query when that is what names the page
    (`/?p=123`)."""

    old_path = models.CharField(
        _("alamat lama"),
        max_length=500,
        unique=True,
        help_text=_("Tanpa nama situs, misalnya /2023/11/12/banjir-blitar/ atau /?p=123."),
    )
    new_path = models.CharField(
        _("alamat baru"), max_length=500, help_text=_("Alamat di situs ini, misalnya /berita/…/.")
    )
    source = models.CharField(_("asal"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("pengalihan")
        verbose_name_plural = _("pengalihan")

    OLD_PATH_LENGTH = 500

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"


class ImportedItem(models.Model):
    """What an import brought in, by its id in the source (a WordPress post
    id), so running the same export again updates rather than duplicates,
    and writes nothing when nothing changed (`fingerprint`)."""

    source = models.CharField(max_length=40)
    kind = models.CharField(max_length=20)  # post, page, attachment, author, category
    original_id = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "original_id"], name="imported_item_once"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.original_id}"
