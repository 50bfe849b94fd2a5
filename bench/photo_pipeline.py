"""Time and bytes of the photo pipeline on a phone-sized photo (4032x3024).

Draws a detailed test photo with Pillow (no downloads), then runs the same
code as an upload: checks, orientation, metadata removal, re-encoding and
every rendition, in a temporary media folder, on the migrated development
database (run `make run` once first). Usage:
    DEBUG=1 uv run python bench/photo_pipeline.py
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-media-")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from articles.management.commands.seed_demo import draw_scene  # noqa: E402
from articles.models import Photo  # noqa: E402

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


def main():
    data = phone_photo()
    print(f"upload: {len(data) / 1e6:.2f} MB, 4032x3024 JPEG with EXIF orientation 6")
    start = time.perf_counter()
    photo = Photo(image=SimpleUploadedFile("IMG_0001.jpg", data, "image/jpeg"), credit="KJ/Bench")
    photo.save()
    elapsed = time.perf_counter() - start
    storage = photo.image.storage
    print(
        f"processed in {elapsed:.2f} s; stored original {photo.width}x{photo.height}, "
        f"{storage.size(photo.image.name) / 1e6:.2f} MB"
    )
    for name, entries in photo.renditions.items():
        for entry in entries:
            sizes = ", ".join(
                f"{key} {storage.size(entry[key]) / 1024:.0f} KB"
                for key in ("webp", "jpeg")
                if entry.get(key)
            )
            print(f"  {name:8} {entry['w']:5}x{entry['h']:<5} {sizes}")
    photo.delete()


if __name__ == "__main__":
    main()
