"""Every change to an article, a photo or a preview link happens here.

One keyword-only function per change. Each reads top to bottom:

1. lock: take the row lock (SELECT … FOR UPDATE) and re-read the row;
2. check: the user's role, the workflow transition and that the user's copy
   is not stale, all under that lock (the rules live in `articles.workflow`);
3. write: clean the input once, write the row, keep a version or record the
   transition;
4. after commit: register what must happen only if the change lands (email
   notices, and the purge of the keys `articles.caching.keys_*` says the
   change touches) with `transaction.on_commit`, in `_after_commit`.
   After-commit work is robust: a cache, proxy or mail failure is logged,
   and the editor is still told that what committed was saved.

The admin, the editor's upload endpoint, the commands (`seed_demo`,
`generate_archive`) and the test factories collect input and call these;
models, forms and signals write nothing of their own. tests/test_code_rules.py
fails on an ORM write anywhere else but a short, reasoned list.
A refusal raises `workflow.Refused` (or `NotAllowed`, `Stale`,
`StorageFailed`) with a message for the user, and the whole transaction
rolls back: nothing is half-saved.

One module per concern, each read on its own:

- `articles`: a story's content and workflow actions, autosave, restore, delete;
- `photos`: the photo library; `storage`: its files in the media storage;
- `front_page`: the lead story and "Pilihan Redaksi";
- `live`: the entries of a live story; `corrections`: corrections and replies;
- `pages`: standing pages; `notices`: a user's notices;
- `catalogue`: regions, authors and tags; `preview_links`: preview links;
- `imports`: a story brought in with the status and times it had elsewhere;
- `accounts`: staff logins; `archive`: a whole generated archive in batches;
- `base`: what several share (refusals, the article lock, `_after_commit`).

Callers use the package (`services.article_save(...)`), never a module.
"""

from .articles import (
    MAX_TAGS,
    SEARCHED_FIELDS,
    TAG_NAME_LENGTH,
    TEXT_FIELDS,
    article_act,
    article_autosave,
    article_delete,
    article_restore,
    article_save,
    unique_slug,
)
from .base import (
    CONTENT_FIELDS,
    EDITORS_FIELDS,
    NotAllowed,
    Refused,
    Stale,
    StorageFailed,
    TooLong,
    megabytes,
)
from .catalogue import catalogue_delete, catalogue_save
from .corrections import correction_add
from .front_page import (
    FRONT_PAGE_LOCK,
    MAX_PICKS,
    front_page_pick_confirm,
    front_page_pick_delete,
    front_page_pick_save,
    front_page_reorder,
)
from .live import LIVE_ENTRY_SLACK, live_entry_delete, live_entry_save
from .notices import notices_read
from .pages import page_save
from .photos import (
    UNCHANGED,
    photo_complete_renditions,
    photo_create,
    photo_delete,
    photo_files_discard,
    photo_rebuild,
    photo_update,
)
from .preview_links import PREVIEW_HOURS, preview_link_create, preview_link_revoke

__all__ = [
    "CONTENT_FIELDS",
    "EDITORS_FIELDS",
    "FRONT_PAGE_LOCK",
    "LIVE_ENTRY_SLACK",
    "MAX_PICKS",
    "MAX_TAGS",
    "PREVIEW_HOURS",
    "SEARCHED_FIELDS",
    "TAG_NAME_LENGTH",
    "TEXT_FIELDS",
    "UNCHANGED",
    "NotAllowed",
    "Refused",
    "Stale",
    "StorageFailed",
    "TooLong",
    "article_act",
    "article_autosave",
    "article_delete",
    "article_restore",
    "article_save",
    "catalogue_delete",
    "catalogue_save",
    "correction_add",
    "front_page_pick_confirm",
    "front_page_pick_delete",
    "front_page_pick_save",
    "front_page_reorder",
    "live_entry_delete",
    "live_entry_save",
    "megabytes",
    "notices_read",
    "page_save",
    "photo_complete_renditions",
    "photo_create",
    "photo_delete",
    "photo_files_discard",
    "photo_rebuild",
    "photo_update",
    "preview_link_create",
    "preview_link_revoke",
    "unique_slug",
]

# Logins, and stories brought in with the status and times they had elsewhere.
from .accounts import (
    account_event_record,
    command_account,
    second_factor_reset,
    staff_user_create,
    staff_user_update,
)
from .imports import IMPORTED_TIMES, article_import, article_reads_import

__all__ += [
    "IMPORTED_TIMES",
    "account_event_record",
    "article_import",
    "article_reads_import",
    "command_account",
    "second_factor_reset",
    "staff_user_create",
    "staff_user_update",
]
from .archive import archive_finish, archive_load, archive_tags  # noqa: E402

__all__ += ["archive_finish", "archive_load", "archive_tags"]
from .bureaus import bureau_delete, bureau_save  # noqa: E402

__all__ += ["bureau_delete", "bureau_save"]
from .redirects import (  # noqa: E402
    imported_item_record,
    redirect_delete,
    redirect_path,
    redirect_save,
    redirects_purge,
)

__all__ += [
    "imported_item_record",
    "redirect_delete",
    "redirect_path",
    "redirect_save",
    "redirects_purge",
]
