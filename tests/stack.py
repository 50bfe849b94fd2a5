"""The production shape for tests: nginx → Varnish → gunicorn, on free ports.

Each piece runs from the repository's own deploy files, changed only where a
test must: gunicorn with deploy/gunicorn.conf.py, Varnish with
deploy/varnish.vcl (the backend's port, the site's host and scheme), nginx
with deploy/nginx.conf (a plain HTTP listener instead of TLS, this run's
ports and folders). So a test through the stack checks the real configs.

    with running(folder, nginx=True, env={"CACHE_URL": "dummy://"}) as stack:
        urllib.request.urlopen(stack.url + "/")   # the front-most piece
        stack.freeze("app")                       # SIGSTOP gunicorn and its workers
        stack.backend_requests()                  # requests gunicorn answered

`stack_fixture(...)` makes the same a module fixture. gunicorn opens the
test database (PostgreSQL: it is another process); pass DATABASE_URL in
`env` to go through a tests.relay.Relay.
"""

import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# NEWSROOM_DEPLOY_DIR: other deploy files to run, e.g. an older commit's to compare.
DEPLOY = Path(os.environ.get("NEWSROOM_DEPLOY_DIR", ROOT / "deploy"))
SITE_HOST = "kabarjatim.id"  # the site's host in the deploy files
TEST_HOST = "127.0.0.1"  # ... and in tests (ALLOWED_HOSTS)

needs_varnish = pytest.mark.skipif(shutil.which("varnishd") is None, reason="needs varnishd")
needs_nginx = pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=30):
    """The first answer from `url` (any status), once something listens there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return urllib.request.urlopen(url, timeout=2)
        except urllib.error.HTTPError as error:
            return error
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


def database_url(port=None):
    """The test database's URL for another process, optionally through a relay's port."""
    from django.db import connection

    db = connection.settings_dict
    host = "127.0.0.1" if port else db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}@{host}:{port or db['PORT'] or 5432}/{db['NAME']}"


def _replace(text, old, new, what):
    if old not in text:
        raise AssertionError(f"{what}: {old!r} not found; update tests/stack.py")
    return text.replace(old, new)


def vcl_for_tests(*, app_port):
    """deploy/varnish.vcl with this run's backend port, host and scheme."""
    vcl = (DEPLOY / "varnish.vcl").read_text()
    vcl = _replace(vcl, '.port = "8000"', f'.port = "{app_port}"', "varnish.vcl backend")
    vcl = vcl.replace(f'"{SITE_HOST}"', f'"{TEST_HOST}"')
    # The site is HTTPS only; tests speak plain HTTP.
    return vcl.replace('X-Forwarded-Proto = "https"', 'X-Forwarded-Proto = "http"')


def _blocks(text):
    """Top-level pieces of an nginx file: directives and whole `server { }` blocks."""
    text = re.sub(r"(?m)^\s*#.*$", "", text)
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                pieces.append(text[start : index + 1].strip())
                start = index + 1
        elif char == ";" and depth == 0:
            pieces.append(text[start : index + 1].strip())
            start = index + 1
    return [piece for piece in pieces if piece]


def nginx_conf_for_tests(*, folder, port, varnish_port, static_root, media_root):
    """deploy/nginx.conf as a whole nginx.conf: the TLS server on plain HTTP at `port`.

    Redirect-only servers (port 80, www) are left out; the catch-all server
    for unknown hosts, if any, listens on the same port.
    """
    servers, others = [], []
    for piece in _blocks((DEPLOY / "nginx.conf").read_text()):
        if not piece.startswith("server"):
            others.append(piece)
        elif re.search(r"listen\s+443", piece) and "return 301" not in piece:
            servers.append(piece)
    assert servers, "deploy/nginx.conf has no TLS server"
    site = "\n".join(others + servers)
    site = re.sub(r"(?m)^\s*listen\s+\[::\].*;$", "", site)
    site = re.sub(r"(?m)^\s*ssl_\w+\s.*;$", "", site)
    site = re.sub(r"listen\s+443 ssl( http2)?", f"listen 127.0.0.1:{port}", site)
    site = _replace(site, "127.0.0.1:6081", f"127.0.0.1:{varnish_port}", "nginx.conf Varnish")
    site = _replace(site, "/srv/newsroom/staticfiles/", f"{static_root}/", "nginx.conf static")
    site = _replace(site, "/srv/newsroom/media/", f"{media_root}/", "nginx.conf media")
    site = site.replace(SITE_HOST, TEST_HOST)
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/nginx-{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root root;" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
daemon off;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/nginx-access.log;
{temp}
{site}
}}
"""


class Stack:
    """The running pieces: their base URLs, and handles to stop or freeze them."""

    def __init__(self, folder):
        self.folder = folder
        self.app = self.varnish = self.purge = self.nginx = None
        self.processes = {}
        self.commands = {}
        self.envs = {}

    @property
    def url(self):
        """The front-most piece: nginx, else Varnish, else gunicorn."""
        return self.nginx or self.varnish or self.app

    def _start(self, name, command, env=None, **options):
        self.commands[name], self.envs[name] = (command, env, options), env
        self.processes[name] = subprocess.Popen(command, env=env, start_new_session=True, **options)

    def _signal(self, name, signum):
        os.killpg(self.processes[name].pid, signum)  # the master and its workers

    def freeze(self, name):
        """SIGSTOP `name` ("app", "varnish", "nginx") and its children: never answers."""
        self._signal(name, signal.SIGSTOP)

    def thaw(self, name):
        self._signal(name, signal.SIGCONT)

    def stop(self, name):
        process = self.processes[name]
        if process.poll() is None:
            self._signal(name, signal.SIGCONT)
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._signal(name, signal.SIGKILL)
                process.wait()

    def start(self, name):
        """Start `name` again, as it was first started."""
        command, env, options = self.commands[name]
        self._start(name, command, env, **options)
        wait_for(getattr(self, name) + "/robots.txt")

    def stop_all(self):
        for name in ("nginx", "varnish", "app"):
            if name in self.processes:
                self.stop(name)

    def access_log(self):
        """gunicorn's access log lines so far (the probe's /healthz left out)."""
        path = self.folder / "gunicorn-access.log"
        if not path.exists():
            return []
        return [line for line in path.read_text().splitlines() if "/healthz" not in line]

    def backend_requests(self):
        """How many requests gunicorn has answered, not counting Varnish's probe."""
        return len(self.access_log())

    def varnishstat(self, counter="MAIN.backend_req"):
        command = ["varnishstat", "-n", str(self.folder / "varnish"), "-1", "-f", counter]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return int(output.split()[1])


def collectstatic(static_root, env):
    """DEBUG=0 pages need WhiteNoise's manifest."""
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(command, cwd=ROOT, env={**env, "STATIC_ROOT": str(static_root)}, check=True)


def collected_static(tmp_path_factory):
    """One collectstatic for the whole run (about 8 s: it compresses 37 MB),
    shared by every stack of every xdist worker; the static files do not
    change while the tests run, and no piece of a stack writes there."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    root = base / "static"
    with open(base / "static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits for the first
        if not (root / "staticfiles.json").exists():  # written last
            env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "test-only-secret-key"}
            collectstatic(root, env)
    return root


@contextmanager
def running(folder, *, env=None, varnish=True, nginx=False, workers=2, static_root=None):
    """gunicorn on the test database, Varnish in front (`varnish`), nginx in front of that.

    `static_root`: static files already collected (see `collected_static`);
    when None, they are collected into `folder`.

    `env` adds to or overrides gunicorn's environment (CACHE_URL, PURGE_URLS,
    TASKS_BACKEND, DATABASE_URL, PAGE_CACHE_SECONDS, ...). By default the
    app's page cache is off (CACHE_URL=dummy://) and its purges go to this
    Varnish's purge listener.
    """
    folder = Path(folder)
    stack = Stack(folder)
    app_port, varnish_port, purge_port, nginx_port = (free_port() for _ in range(4))
    stack.app = f"http://127.0.0.1:{app_port}"
    if varnish:
        stack.varnish = f"http://127.0.0.1:{varnish_port}"
        stack.purge = f"http://127.0.0.1:{purge_port}"
    if nginx:
        assert varnish, "nginx passes to Varnish"
        stack.nginx = f"http://127.0.0.1:{nginx_port}"
    collect = static_root is None
    static_root, media_root = Path(static_root or folder / "static"), folder / "media"
    media_root.mkdir(exist_ok=True)
    fronts = [url for url in (stack.nginx, stack.varnish, stack.app) if url]
    app_env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key",
        "ALLOWED_HOSTS": TEST_HOST,
        "CSRF_TRUSTED_ORIGINS": ",".join(fronts),
        "SECURE_COOKIES": "0",  # plain HTTP in tests
        "CACHE_URL": "dummy://",
        # Tests log editors in with force_login: no second factor (as conftest.py).
        "SECOND_FACTOR_REQUIRED_ROLES": "",
        "PURGE_URLS": f"{stack.purge}/" if varnish else "",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_CONTROL_SOCKET": str(folder / "gunicorn.ctl"),
        **(env or {}),
    }
    if collect:
        collectstatic(static_root, app_env)
    try:
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py")]
        gunicorn += ["--access-logfile", str(folder / "gunicorn-access.log")]
        gunicorn += ["--error-logfile", str(folder / "gunicorn-error.log")]
        gunicorn += ["--log-level", "warning", "newsroom.wsgi"]
        stack._start("app", gunicorn, app_env, cwd=ROOT)
        if varnish:
            vcl = folder / "varnish.vcl"
            vcl.write_text(vcl_for_tests(app_port=app_port))
            varnishd = ["varnishd", "-F", "-j", "none", "-f", str(vcl)]
            varnishd += ["-n", str(folder / "varnish"), "-s", "malloc,64m"]
            varnishd += ["-a", f"127.0.0.1:{varnish_port}"]
            varnishd += ["-a", f"purge=127.0.0.1:{purge_port}"]
            log = open(folder / "varnishd.log", "w")  # noqa: SIM115 (closed with the process)
            stack._start("varnish", varnishd, None, stdout=log, stderr=subprocess.STDOUT)
        if nginx:
            conf = folder / "nginx.conf"
            conf.write_text(
                nginx_conf_for_tests(
                    folder=folder,
                    port=nginx_port,
                    varnish_port=varnish_port,
                    static_root=static_root,
                    media_root=media_root,
                )
            )
            command = ["nginx", "-e", str(folder / "nginx-error.log"), "-p", str(folder)]
            subprocess.run([*command, "-t", "-q", "-c", str(conf)], check=True)
            stack._start("nginx", [*command, "-c", str(conf)])
        for url in fronts[::-1]:
            wait_for(url + "/robots.txt")
        yield stack
    finally:
        stack.stop_all()


def stack_fixture(*, scope="module", **options):
    """A fixture running the stack (see `running`) for a module's tests."""

    @pytest.fixture(scope=scope)
    def fixture(tmp_path_factory, django_db_setup):
        static_root = collected_static(tmp_path_factory)
        with running(tmp_path_factory.mktemp("stack"), static_root=static_root, **options) as stack:
            yield stack

    return fixture
