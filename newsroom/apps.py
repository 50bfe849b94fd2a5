"""Section names in the admin for the libraries we use, in the newsroom's words,
and the login throttle's hooks (newsroom/logins.py, newsroom/checks.py)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    verbose_name = _("Tag berita")


class LoginsConfig(AxesAppConfig):
    verbose_name = _("Keamanan login")

    def ready(self):
        super().ready()
        from django.contrib.auth.signals import user_logged_in

        from newsroom import checks, logins  # noqa: F401 (checks registers itself)

        user_logged_in.connect(logins.note_login, dispatch_uid="newsroom.logins.note_login")
