"""The two newsroom roles exist after migrating, with the rights the workflow expects."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


def perms(group):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group).permissions.select_related("content_type")
    }


def test_reporter_group_can_write_but_not_publish():
    reporter = perms("Wartawan")
    assert {"articles.add_article", "articles.change_article"} <= reporter
    assert "articles.publish_article" not in reporter
    assert "articles.edit_any_article" not in reporter


def test_editor_group_can_publish_and_edit_any_article():
    assert {"articles.publish_article", "articles.edit_any_article"} <= perms("Redaktur")
