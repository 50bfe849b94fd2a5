from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Redaksi")

    def ready(self):
        from taggit.models import Tag

        from . import signals

        signals.connect([*self.get_models(), Tag])
