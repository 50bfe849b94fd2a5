from django.conf import settings

from .models import Region


def newsroom(request):
    """The paper's name and the region menu, on every page.

    The menu is a lazy queryset: one query, and only on pages that show it.
    """
    return {
        "NEWSROOM_NAME": settings.NEWSROOM_NAME,
        "nav_regions": Region.objects.all(),
    }
