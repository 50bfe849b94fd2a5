"""Time and bytes of the photo pipeline on a phone-sized photo (4032x3024).

Draws a detailed test photo with Pillow (no downloads), then runs the same
processing as an upload (`articles.photos.process`): checks, orientation,
metadata removal, re-encoding and every rendition, in memory. A single
decode and encode of the same upload is timed beside it as the reference.
Usage:
    uv run python bench/photo_pipeline.py
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from articles import photos  # noqa: E402
from articles.management.commands.seed_demo import draw_scene  # noqa: E402

PALETTE = ((255, 236, 200), (200, 120, 40))


def phone_photo():
    """A 12-megapixel scene with sensor-like grain and EXIF, like a phone's JPEG."""
    scene = Image.open(io.BytesIO(draw_scene("market", PALETTE, size=(4032, 3024))))
    grain = Image.effect_noise((4032, 3024), 40).convert("RGB")
    image = Image.blend(scene, grain, 0.12).filter(ImageFilter.GaussianBlur(0.4))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the phone was held upright
    exif[0x013B] = "Pemilik Kamera"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def reference(data):
    """The least any pipeline does: decode the upload and encode it once again."""
    start = time.perf_counter()
    image = Image.open(io.BytesIO(data))
    image.load()
    image.save(io.BytesIO(), "JPEG", quality=85)
    return time.perf_counter() - start


def main():
    data = phone_photo()
    print(f"upload: {len(data) / 1e6:.2f} MB, 4032x3024 JPEG with EXIF orientation 6")
    upload = SimpleUploadedFile("IMG_0001.jpg", data, "image/jpeg")
    start = time.perf_counter()
    processed = photos.process(upload)
    elapsed = time.perf_counter() - start
    ref = reference(data)
    print(
        f"processed in {elapsed:.2f} s = {elapsed / ref:.1f}x one decode+encode ({ref:.2f} s); "
        f"original {processed.width}x{processed.height}, "
        f"{len(processed.original.content) / 1e6:.2f} MB"
    )
    sizes = {file.name: len(file.content) for file in processed.files}
    for name, entries in processed.renditions.items():
        for entry in entries:
            kinds = ", ".join(
                f"{key} {sizes[entry[key]] / 1024:.0f} KB"
                for key in ("webp", "jpeg")
                if entry.get(key)
            )
            print(f"  {name:8} {entry['w']:5}x{entry['h']:<5} {kinds}")


if __name__ == "__main__":
    main()
