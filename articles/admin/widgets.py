"""Admin widgets that stay standing when a form is posted with a bad value.

Django's autocomplete widget shows the posted choice again when a form comes
back with errors, by looking it up: `pk__in=[value]`. A value that is no id
at all ("abc", "1.5", a number past the column's range) makes that lookup
raise ValueError (or OverflowError on SQLite) while the page is rendered,
so the editor gets a 500 page instead of the field's own error ("Masukkan
pilihan yang valid"). A browser only sends ids the widget offered; scripts,
stale drafts restored by extensions and fuzzers send anything.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy


class NamedAutocomplete:
    """An autocomplete whose box is named by its field's label.

    Select2 draws its own combobox beside the hidden select, named only by
    the choice shown in it: an empty box has no name for a screen reader
    (axe: aria-input-field-name). The script gives the box, and the text
    shown in it, the label's name too.
    """

    @property
    def media(self):
        return super().media + forms.Media(js=["admin/newsroom/autocomplete_names.js"])


class CheckedAutocompleteSelect(NamedAutocomplete, AutocompleteSelect):
    """An autocomplete select that looks up only values its column can hold.

    Any other posted value is simply not shown as selected; the form field
    reports it as an invalid choice, as for an id that does not exist.

    Its first option is always the empty one, labelled: Django's leaves a
    required select with no option at all (or the chosen one first) and
    writes an optional one's as an empty `<option>`, all three invalid HTML.
    Select2 shows it as its (empty) placeholder, as before.
    """

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, [v for v in value if self.can_hold(v)], attr)
        options = groups[0][1]
        if not options or options[0]["value"] != "":
            options.insert(0, self.create_option(name, "", "", False, 0))
        options[0]["attrs"]["label"] = "—"
        return groups

    def can_hold(self, value):
        target = self.field.target_field
        try:
            target.run_validators(target.to_python(value))
        except ValidationError:
            return False
        return True


class OrderedAutocompleteSelectMultiple(NamedAutocomplete, AutocompleteSelectMultiple):
    """A multiple autocomplete that shows its choices in the order given
    (a byline's), not the database's. The browser posts them in the order
    they stand, so the form reads the order back from the POST."""

    def optgroups(self, name, value, attr=None):
        value = [str(v) for v in value if CheckedAutocompleteSelect.can_hold(self, v)]
        groups = super().optgroups(name, value, attr)
        for _group, options, _index in groups:
            options.sort(
                key=lambda o: value.index(str(o["value"])) if str(o["value"]) in value else 0
            )
        return groups


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice that refuses values its model's id cannot hold before
    asking the database (SQLite raises OverflowError on a huge one)."""

    def _check_values(self, value):
        pk = self.queryset.model._meta.pk
        for item in value:
            try:
                pk.run_validators(pk.to_python(item))
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                ) from None
        return super()._check_values(value)


class UnlabelledBoundField(forms.BoundField):
    """A hidden field's place in a fieldset, without the `<label for>` that
    Django's fieldset template writes for every field: a label may only
    point at a control a reader can see."""

    def label_tag(self, *args, **kwargs):
        return ""


class LabelledFileInput(forms.ClearableFileInput):
    """A file field with a `<label for>` of its own.

    Django draws a file field as a fieldset whose legend is the field's
    label, but a legend names no control: the file input itself has no
    name for a screen reader (axe: label, critical)."""

    use_fieldset = False


class PickedDateTime(forms.SplitDateTimeWidget):
    """A date and a time from the browser's own pickers, in newsroom time (WIB).

    Django's admin widget asks for the date typed as the locale writes it
    (04-12-2026, or mm/dd/yyyy in a browser set to US English) and adds
    English shortcuts ("Today", "Now"). The browser's pickers need no
    typing format; their values are ISO (2026-12-04, 21:05), the format
    Django always accepts, and the field names (`<name>_0`, `<name>_1`)
    stay those of the admin's widget.
    """

    def __init__(self, attrs=None):
        super().__init__(
            attrs,
            date_format="%Y-%m-%d",
            time_format="%H:%M",
            date_attrs={"type": "date", "aria-label": gettext_lazy("Tanggal")},
            time_attrs={"type": "time", "aria-label": gettext_lazy("Jam (WIB)")},
        )
