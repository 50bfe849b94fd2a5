"""Every uploaded image goes through this module.

Whatever the path (the photo library, the lead-photo popup on the article
form, an image dropped into the editor, an author's portrait), an upload is:

1. checked: a real JPEG, PNG or WebP (Pillow opens and verifies it), within
   the byte and pixel limits, and not a decompression bomb;
2. normalized: turned upright by its EXIF orientation, stripped of all
   metadata (GPS position, camera serial, owner, comments; only the colour
   profile and PNG transparency stay) and re-encoded under a random name
   with the extension of its real format;
3. rendered once into the sizes the templates show (`SPECS`), converted to
   sRGB on a white background, in WebP with a JPEG fallback.

All of this happens in memory and writes nothing: `articles.services`
stores the result (through Django's storage API, so a disk or S3-compatible
object storage alike) only once the whole photo is ready, and removes what
it wrote if storing fails. The `{% picture %}` template tag shows them.
"""

import contextlib
import io
import math
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Phones write JPEGs with extra pictures (depth maps, previews) that Pillow
# reads as MPO; the first picture is the photo.
SAME_AS = {"MPO": "JPEG"}
MAX_SIDE = 4096  # the stored original; readers only ever get renditions
SRGB = ImageCms.createProfile("sRGB")


CENTRE = (0.5, 0.5)


@dataclass(frozen=True)
class Spec:
    widths: tuple
    ratio: tuple | None = None  # (w, h) to crop to, or None to keep the shape
    webp: bool = True


SPECS = {
    "thumb": Spec(widths=(240, 480), ratio=(4, 3)),  # list thumbnails
    "card": Spec(widths=(480, 800, 1200), ratio=(16, 10)),  # lead stories
    "article": Spec(widths=(480, 800, 1200)),  # the article page, full shape
    "lead": Spec(widths=(480, 800, 1200), ratio=(4, 3)),  # a portrait photo atop its story
    "social": Spec(widths=(1200,), ratio=(1200, 630), webp=False),  # link previews
    # Google's article rules ask for 16:9, 4:3 ("lead") and 1:1, each 1200 px
    # wide; only search engines fetch them, so JPEG alone.
    "wide": Spec(widths=(1200,), ratio=(16, 9), webp=False),
    "square": Spec(widths=(1200,), ratio=(1, 1), webp=False),
}


@dataclass(frozen=True)
class File:
    """One file to store: its name under the photo's folder, and its bytes."""

    name: str
    content: bytes


def _limits():
    return settings.PHOTO_MAX_BYTES, settings.PHOTO_MAX_PIXELS


def open_checked(file):
    """Open an uploaded file as an image, or raise a ValidationError saying why not."""
    max_bytes, max_pixels = _limits()
    if file.size > max_bytes:
        raise ValidationError(
            _("Berkas terlalu besar (%(size).1f MB). Batasnya %(max)d MB.")
            % {"size": file.size / 1e6, "max": max_bytes // 1_000_000},
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            image = Image.open(file)
            if SAME_AS.get(image.format, image.format) not in FORMATS:
                raise ValidationError(
                    _("Format %(format)s tidak diterima. Unggah JPEG, PNG atau WebP.")
                    % {"format": image.format},
                    code="format",
                )
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("Gambar terlalu besar (%(w)d×%(h)d piksel). Batasnya %(max)d megapiksel.")  # noqa: RUF001
                    % {"w": width, "h": height, "max": max_pixels // 1_000_000},
                    code="too_many_pixels",
                )
            image.verify()
            file.seek(0)
            image = Image.open(file)
            image.load()
            return image
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("Gambar terlalu besar untuk diproses."), code="too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("Berkas ini bukan gambar JPEG, PNG atau WebP yang utuh."), code="invalid"
        ) from None


def validate_image(file):
    """Model-field validator: the same checks, so forms show a clear error early."""
    open_checked(file)
    file.seek(0)


def _encode(image, fmt, **options):
    buffer = io.BytesIO()
    if fmt in ("JPEG",) and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if fmt == "JPEG":
        options = {"quality": 85, "optimize": True, "progressive": True, **options}
    elif fmt == "WEBP":
        options = {"quality": 80, "method": 4, **options}
    elif fmt == "PNG":
        options = {"optimize": True, **options}
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def normalize(file, *, max_side=MAX_SIDE):
    """A clean copy of an upload: upright, without metadata, under a random name.

    Returns (File, (width, height)).
    """
    image = open_checked(file)
    fmt = SAME_AS.get(image.format, image.format)
    # Broken EXIF (fuzzed or from odd cameras) can fail in many ways; the
    # pixels stay as they are and the metadata is dropped below anyway.
    with contextlib.suppress(Exception):
        image = ImageOps.exif_transpose(image)
    kept = {key: image.info[key] for key in ("icc_profile", "transparency") if key in image.info}
    image.info = kept  # drop EXIF, XMP, comments and every other text chunk
    try:
        if max(image.size) > max_side:
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        options = {"icc_profile": kept["icc_profile"]} if "icc_profile" in kept else {}
        data = _encode(image, fmt, **options)
    except (OSError, ValueError, TypeError) as error:
        raise ValidationError(
            _("Gambar ini tidak dapat diproses. Simpan ulang sebagai JPEG lalu unggah lagi."),
            code="unprocessable",
        ) from error
    return File(f"{uuid.uuid4().hex}.{FORMATS[fmt]}", data), image.size


def _as_srgb(image):
    """RGB pixels on white, in sRGB: what every browser shows the same way."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):  # 16-bit greyscale
        image = image.point(lambda value: value / 256).convert("L")
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", image.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    else:
        image = image.convert("RGB")
    if icc:
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode="RGB"
            )
    return image


def _crop(image, ratio, focus=CENTRE):
    """The part of `image` with the shape `ratio` that keeps the point of
    interest `focus` (x, y from 0 to 1) in frame; a crop, so no resampling.

    The frame slides along the long side in proportion to the focus, so the
    point always lies inside it: at 0.5 the crop is centred, at 0 it keeps
    the left (or top) edge."""
    if ratio is None:
        return image
    width, height = _fit_size(image.size, ratio)
    fx, fy = (min(1.0, max(0.0, value)) for value in focus)
    left, top = round((image.width - width) * fx), round((image.height - height) * fy)
    return image.crop((left, top, left + width, top + height))


def _fit_size(size, ratio):
    width, height = size
    rw, rh = ratio
    if width * rh > height * rw:  # too wide: keep the height
        return max(1, round(height * rw / rh)), height
    return width, max(1, round(width * rh / rw))


@dataclass(frozen=True)
class Processed:
    """A photo ready to store: the clean original and every rendition, in memory.

    Nothing is written while an image is processed, so an image that fails
    halfway leaves nothing behind. `renditions` is what `Photo.renditions`
    records, with file names relative to the photo's rendition folder.
    """

    original: File
    width: int
    height: int
    renditions: dict
    files: tuple  # the rendition files


# Marks a rendition entry whose file is the clean original standing in for
# the sizes still to be made (`prepare`).
STAND_IN = "stand_in"

# What the editor shows at once after an upload: the body's image and the
# admin's thumbnail. The other sizes follow from a task (services).
AT_ONCE = ("article", "thumb")


def process(file, *, specs=None, focus=CENTRE):
    """Check, clean and render an upload (the `specs` sizes, or all).
    Raises ValidationError saying why not."""
    original, (width, height) = normalize(file)
    renditions, files = render(original.content, specs=specs, focus=focus)
    return Processed(original, width, height, renditions, files)


def prepare(file):
    """Check and clean an upload whose sizes are all left for later (an
    import of thousands): only the clean original is made, and it stands in
    as the full-shape size (`article`, what a story body's image shows)
    until the task queue renders the sizes (`missing`).

    Made in memory like `process`, so an importer may run it in worker
    processes and hand the result to `services.photo_create(prepared=...)`.
    """
    original, (width, height) = normalize(file)
    stand_in = File(f"article-{width}-asli.{original.name.rsplit('.', 1)[1]}", original.content)
    entry = {"w": width, "h": height, "jpeg": stand_in.name, STAND_IN: True}
    return Processed(original, width, height, {"article": [entry]}, (stand_in,))


def missing(renditions):
    """The names of `SPECS` a photo's record lacks, or holds only a stand-in for."""
    renditions = renditions or {}
    return [
        name
        for name in SPECS
        if not renditions.get(name) or any(e.get(STAND_IN) for e in renditions[name])
    ]


def _needed_size(size, specs):
    """The smallest (width, height) of the source at which each rendition in
    `specs` (all when None) still crops to at least its largest width."""
    scale = 0.0
    for name, spec in SPECS.items():
        if specs is None or name in specs:
            crop_width = _fit_size(size, spec.ratio)[0] if spec.ratio else size[0]
            scale = max(scale, max(spec.widths) / crop_width)
    scale = min(1.0, scale)
    return math.ceil(size[0] * scale), math.ceil(size[1] * scale)


def render(data, *, specs=None, focus=CENTRE):
    """The renditions of an image's bytes named in `specs` (all when None),
    cropped around the point `focus`: (renditions record, files)."""
    with Image.open(io.BytesIO(data)) as source:
        if source.format == "JPEG":
            # Decode at the smallest scale (1/2, 1/4, 1/8: JPEG's own DCT
            # scaling) at which every rendition still has its full width: a
            # phone's 12-megapixel photo is then resized from 3 megapixels.
            source.draft(source.mode, _needed_size(source.size, specs))
        source.load()
        source = _as_srgb(source)
    renditions, files = {}, []
    for name, spec in SPECS.items():
        if specs is not None and name not in specs:
            continue
        cropped = _crop(source, spec.ratio, focus)
        entries = []
        widths = [w for w in spec.widths if w <= cropped.width] or [cropped.width]
        for width in widths:
            height = max(1, round(cropped.height * width / cropped.width))
            # reducing_gap shrinks by whole factors first, then resamples:
            # several times faster, and Pillow's docs call 3.0 "indistinguishable".
            resized = cropped.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            entry = {"w": width, "h": height}
            formats = [("jpeg", "JPEG", "jpg")] + ([("webp", "WEBP", "webp")] if spec.webp else [])
            # A crop around another point gets other names, so no cache keeps the old one.
            tag = (
                f"-f{round(focus[0] * 100)}x{round(focus[1] * 100)}"
                if spec.ratio and focus != CENTRE
                else ""
            )
            for key, fmt, ext in formats:
                entry[key] = f"{name}-{width}{tag}.{ext}"
                files.append(File(entry[key], _encode(resized, fmt)))
            entries.append(entry)
        renditions[name] = entries
    return renditions, tuple(files)


def default_entry(entries):
    """The size an <img> falls back to: the second smallest, or the only one."""
    return entries[min(1, len(entries) - 1)]


def rendition_url(photo, name, *, largest=False, fmt="jpeg"):
    """One rendition's URL: the default size, or the largest; the original if none."""
    entries = (photo.renditions or {}).get(name)
    if not entries:
        return photo.image.url
    entry = entries[-1] if largest else default_entry(entries)
    return photo.image.storage.url(entry.get(fmt) or entry["jpeg"])
