"""Work a change sets off after it commits, run by Django's tasks framework.

In development and tests the tasks run in-process at once (ImmediateBackend);
in production TASKS_BACKEND names a real queue, and a worker runs them.
"""

import logging
import urllib.request

from django.conf import settings
from django.tasks import task

logger = logging.getLogger(__name__)


@task
def purge_proxies(keys):
    """Tell every cache proxy in PURGE_URLS to drop the responses showing `keys`.

    Varnish with vmod xkey (deploy/varnish.vcl) takes them in `xkey-purge`;
    a CDN's surrogate keys or cache tags would be one more request here.
    A proxy that cannot be reached keeps its copies only until their
    s-maxage runs out, so the failure is logged, not raised.
    """
    for url in settings.PURGE_URLS:
        request = urllib.request.Request(
            url, method="PURGE", headers={"xkey-purge": " ".join(keys)}
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                response.read()
        except OSError:
            logger.exception("Could not purge %s at %s", keys, url)


@task
def complete_renditions(photo_id):
    """Render the sizes of a new upload that its request left for later."""
    from .models import Photo
    from .services import photo_complete_renditions

    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is not None:  # not removed in the meantime
        photo_complete_renditions(photo=photo)
