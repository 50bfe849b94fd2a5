"""Time `import_wordpress` on a generated export, beside a reference measured
in the same run (this machine is noisy: compare ratios, not seconds).

Usage (on a scratch database; it writes stories, photos and redirects):
    createdb -h 127.0.0.1 -U postgres newsroom_bench_wp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_wp \\
    python3 -m uv run --frozen python bench/import_wordpress.py --posts 10000

Writes the export with bench/wxr_generate.py into /tmp/wxr-<posts> (unless
it is there), migrates, imports it with the production task queue
(django-tasks-db: the photos' sizes are queued, not made in the import),
imports it again (nothing changed: nothing should be written), then runs
one task worker (`manage.py db_worker`) for --worker-seconds and counts the
photos it finished, to tell how long the queue takes after the import.

The reference is one phone photo decoded, resized to 1200 px and saved as
JPEG by Pillow: what any import of a photo must at least do.
"""

import argparse
import contextlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def reference_photo_seconds(path, rounds=10):
    from PIL import Image

    started = time.perf_counter()
    for _ in range(rounds):
        with Image.open(path) as image:
            image.draft("RGB", (1200, 1200))
            image = image.convert("RGB")
            image.thumbnail((1200, 1200))
            image.save(io.BytesIO(), "JPEG", quality=82)
    return (time.perf_counter() - started) / rounds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--worker-seconds", type=int, default=120)
    args = parser.parse_args()
    out = Path(f"/tmp/wxr-{args.posts}")
    if not (out / "export.xml").exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "wxr_generate.py"), "--posts", str(args.posts),
             "--out", str(out)],
            check=True,
        )  # fmt: skip
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("MEDIA_ROOT", f"/tmp/wxr-{args.posts}-media")
    os.environ["TASKS_BACKEND"] = "django_tasks_db.backend.DatabaseBackend"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import CommandError, call_command

    call_command("migrate", verbosity=0)
    photo = next((out / "uploads").rglob("*.jpg"))
    reference = reference_photo_seconds(photo)
    times = []
    for run in ("first", "again"):
        report = io.StringIO()
        started = time.perf_counter()
        with contextlib.suppress(CommandError):  # skipped items are in the report
            call_command(
                "import_wordpress", str(out / "export.xml"), "--media", str(out / "uploads"),
                stdout=report, verbosity=0,
            )  # fmt: skip
        times.append(time.perf_counter() - started)
        print(f"== {run} run: {times[-1]:.1f} s ==")
        print(report.getvalue())
    per_post = times[0] / args.posts
    print(
        f"{args.posts} posts: {times[0]:.1f} s ({per_post * 1000:.0f} ms a post); "
        f"reference photo {reference * 1000:.0f} ms; a post = {per_post / reference:.1f}x "
        f"the reference; second run {times[1]:.1f} s. "
        f"10,000 posts at this rate: {per_post * 10_000 / 60:.1f} min."
    )
    waiting, seconds = photos_waiting(), args.worker_seconds
    worker = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "db_worker"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(seconds)
    worker.terminate()
    worker.wait()
    made = waiting - photos_waiting()
    rate = made / seconds
    print(
        f"Task queue: {waiting} photos waiting for their sizes; one worker made {made} in "
        f"{seconds} s ({rate:.2f} a second, {1 / rate if rate else float('inf'):.2f} s a photo "
        f"= {1 / rate / reference if rate else float('inf'):.1f}x the reference); "
        f"all of them: about {waiting / rate / 60 if rate else float('inf'):.0f} min "
        f"with one worker."
    )


def photos_waiting():
    from articles import photos
    from articles.models import Photo

    return sum(
        1 for renditions in Photo.objects.values_list("renditions", flat=True).iterator()
        if photos.missing(renditions)
    )  # fmt: skip


if __name__ == "__main__":
    main()
