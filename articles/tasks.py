"""Work a change leaves for later, run by Django's tasks framework.

In development and tests the tasks run in-process at once (ImmediateBackend);
in production TASKS_BACKEND names a real queue, and a worker runs them. The
proxies' purge task lives in articles.purges, below the services and the
cache that queue it.
"""

from django.tasks import task


@task
def complete_renditions(photo_id):
    """Render the sizes of a new upload that its request left for later."""
    from .models import Photo
    from .services import photo_complete_renditions

    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is not None:  # not removed in the meantime
        photo_complete_renditions(photo=photo)
