"""Section names in the admin for the libraries we use, in the newsroom's words."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    verbose_name = _("Tag berita")


class LoginsConfig(AxesAppConfig):
    verbose_name = _("Keamanan login")
