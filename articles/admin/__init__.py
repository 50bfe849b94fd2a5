"""The newsroom's admin, one module per concern (see `articles`)."""

from .articles import view_on_site

__all__ = ["view_on_site"]
