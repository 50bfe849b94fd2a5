"""The public site's form: search, with its region and date filters."""

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)  # search date filters


def _within_archive(day):
    if not (FIRST_DAY <= day <= LAST_DAY):
        raise forms.ValidationError(
            _("Pilih tanggal antara %(first)s dan %(last)s.")
            % {"first": FIRST_DAY.year, "last": LAST_DAY.year}
        )


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        validators=[_within_archive],
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Kata kunci"), required=False)
    wilayah = forms.SlugField(label=gettext_lazy("Wilayah"), required=False)
    dari = _date_field(gettext_lazy("Dari tanggal"))
    sampai = _date_field(gettext_lazy("Sampai tanggal"))
