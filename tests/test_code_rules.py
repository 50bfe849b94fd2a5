"""Rules about the code itself, read from its source.

Every row is written by a service in `articles/services/` (lock, re-read,
check, write, record, after commit); the admin, the views, the commands and
the test factories only collect input and call one. So an ORM write
anywhere else is either a new bug or one of the few exceptions below, each
with its reason.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = [
    *sorted(ROOT.glob("articles/**/*.py")),
    *sorted(ROOT.glob("newsroom/**/*.py")),
    ROOT / "tests" / "factories.py",
]
SERVICES = "articles/services/"

# Methods that write rows (on a model, a manager or a queryset), and the
# doors to raw SQL.
WRITES = {
    "save",
    "delete",
    "update",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "create_user",
    "create_superuser",
}
RAW_SQL = {"raw", "execute", "executemany", "cursor"}
# Management commands that write rows when called from code.
WRITING_COMMANDS = {"loaddata", "flush"}
# `Model.save()`, `Model.delete()` and `QuerySet.update()` take no positional
# argument; the same names with one are files, images, caches, hashes and
# dicts (`default_storage.save(name, f)`, `cache.delete(key)`,
# `digest.update(chunk)`). Template contexts are dicts too.
DICTS = {"context", "extra_context"}

# (path, function) -> why it may write outside a service. A path ending in
# "/" allows everything under it. Keep this short: move a new write into a
# service instead.
ALLOWED = {
    ("articles/migrations/", None): "data migrations write with the historical models",
    ("articles/management/commands/restore.py", "load"): (
        "restore loads a backup row for row into an empty database, below every rule"
    ),
    ("articles/caching.py", "_advance_generation"): (
        "the page cache's generation counter: bookkeeping of the cache, not content"
    ),
    ("articles/popularity.py", "_add_reads"): (
        "the read beacon's counts flushed from the cache: hot path, counts not content"
    ),
    ("articles/popularity.py", "_slide_window"): (
        "the most-read window's totals, moved on a day: counts derived from counts"
    ),
    ("articles/notifications.py", "_notify"): (
        "workflow notices, written after the change committed; a failure must not undo it"
    ),
    ("newsroom/views.py", "_check"): "the health check's SELECT 1 (a read)",
}


def _functions(tree):
    """Each node's enclosing function name (None at module level)."""
    owner = {}

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            name = function
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = child.name
            owner[child] = name
            visit(child, name)

    visit(tree, None)
    return owner


def _is_write(call):
    func = call.func
    if isinstance(func, ast.Name) and func.id == "call_command":
        first = call.args[0] if call.args else None
        return isinstance(first, ast.Constant) and first.value in WRITING_COMMANDS
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in RAW_SQL:
        return True
    if func.attr not in WRITES:
        return False
    if func.attr in {"save", "delete", "update"} and call.args:
        return False  # a file, an image, a cache, a hash or a dict
    return not (isinstance(func.value, ast.Name) and func.value.id in DICTS)


def _allowed(path, function):
    for (allowed_path, allowed_function), _reason in ALLOWED.items():
        if allowed_path.endswith("/") and path.startswith(allowed_path):
            return (allowed_path, allowed_function)
        if path == allowed_path and function == allowed_function:
            return (allowed_path, allowed_function)
    return None


def _scan():
    """The ORM writes outside the services, and the allow-list entries used."""
    found, used = [], set()
    for file in SCANNED:
        path = file.relative_to(ROOT).as_posix()
        if path.startswith(SERVICES):
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=path)
        owner = _functions(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _is_write(node)):
                continue
            entry = _allowed(path, owner.get(node))
            if entry is None:
                name = getattr(node.func, "attr", None) or node.func.id
                found.append(f"{path}:{node.lineno} .{name}( in {owner.get(node) or 'module'}")
            else:
                used.add(entry)
    return found, used


def test_rows_are_written_only_by_services():
    found, _used = _scan()
    assert not found, (
        "ORM writes outside articles/services/ (write through a service, "
        "or allow one in tests/test_code_rules.py with its reason):\n  " + "\n  ".join(found)
    )


def test_every_exception_is_still_needed():
    _found, used = _scan()
    assert set(ALLOWED) == used, f"allowed but writing nothing now: {set(ALLOWED) - used}"


def test_the_scan_sees_writes():
    """The scan itself: what it takes for a write, and what it leaves."""
    writes = [
        "Article.objects.filter(pk=1).update(status='x')",
        "article.save()",
        "article.save(update_fields=['title'])",
        "Region.objects.get_or_create(slug='x')",
        "ArticleRead.objects.bulk_create(rows)",
        "photo.delete()",
        "connection.cursor()",
        "Article.objects.raw('SELECT 1')",
        "call_command('loaddata', 'x.json')",
    ]
    not_writes = [
        "default_storage.save(name, content)",
        "cache.delete(key)",
        "image.save(buffer, 'JPEG')",
        "digest.update(chunk)",
        "context.update(title='x')",
        "call_command('migrate')",
    ]
    for source in writes:
        assert _is_write(ast.parse(source).body[0].value), source
    for source in not_writes:
        assert not _is_write(ast.parse(source).body[0].value), source
