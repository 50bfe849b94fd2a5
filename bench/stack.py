"""Start the app as production runs it, for a bench: gunicorn with DEBUG off.

app = start(port, prefix="bench-x-", env={"CACHE_URL": ...}, migrate=True)
...
stop(app)
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(port, *, prefix, env=None, migrate=False):
    """gunicorn (2 sync workers) on 127.0.0.1:`port`, its static files collected,
    the database migrated and login lockouts cleared when `migrate`."""
    folder = tempfile.mkdtemp(prefix=prefix)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",  # plain HTTP on 127.0.0.1
        "STATIC_ROOT": f"{folder}/static",
        **(env or {}),
    }
    manage = [sys.executable, "manage.py"]
    if migrate:
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "axes_reset"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    gunicorn = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2"]
    gunicorn += ["--bind", f"127.0.0.1:{port}", "--log-level", "critical"]
    gunicorn += ["--control-socket", f"{folder}/gunicorn.ctl"]
    app = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    time.sleep(3)  # the workers boot
    return app


def stop(app):
    app.send_signal(signal.SIGTERM)
    app.wait(timeout=30)
