"""gunicorn for the newsroom: `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Sync workers, two per core: pages are either kept whole (served from the
page cache or the proxy in well under a millisecond) or rendered with a
handful of queries, and sync workers keep that simple and predictable.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # behind Varnish/nginx only
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"  # only our own proxy may say the request was HTTPS
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "/run/newsroom/gunicorn.ctl")
