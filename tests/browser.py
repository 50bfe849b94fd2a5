"""What the browser tests share: Debian's Chromium driven by Playwright.

No browser is ever downloaded; `make test` installs Chromium with apt, and
the tests are skipped where it is missing.
"""

import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# For a test module: a real browser, against the live server, which sees
# only committed data; the roles created by migrations are restored after.
MARKS = [
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_data_restored"),
]
