"""The newsroom's admin.

Reporters write and submit; editors review, publish and take down. The admin
collects input and calls `articles.services`; the buttons and messages of
workflow actions come from `workflow.ACTIONS`. One module per concern;
importing them here is what registers them when Django's admin autodiscovers
`articles.admin`:

- `site`: the admin's titles and its "view on site" shortcut
- `base`: the admins and forms every other module builds on
- `widgets`: autocomplete widgets that survive a posted value which is no id
- `catalogue`: regions, authors, tags
- `photos`: the photo library
- `articles`, `article_form`, `article_views`: the article form and its pages
- `front_page`, `live`, `pages`: what only editors change
- `notices`, `review_queue`: lists to read
- `logins`: login lockouts, for editors to lift
- `bureaus`: the desks per region, for the chief editor
- `redirects`: old addresses (a WordPress site's) and where they lead
- `audit`: the chief editor's audit list (workflow decisions, corrections, accounts)
- `users`: staff accounts, and the chief editor's reset of a lost second factor
"""

from . import (
    article_form,
    article_views,
    articles,
    audit,
    base,
    bureaus,
    catalogue,
    front_page,
    live,
    logins,
    notices,
    pages,
    photos,
    redirects,
    review_queue,
    site,
    users,
    widgets,
)
from .site import view_on_site

__all__ = [
    "article_form",
    "article_views",
    "articles",
    "audit",
    "base",
    "bureaus",
    "catalogue",
    "front_page",
    "live",
    "logins",
    "notices",
    "pages",
    "photos",
    "redirects",
    "review_queue",
    "site",
    "users",
    "view_on_site",
    "widgets",
]
