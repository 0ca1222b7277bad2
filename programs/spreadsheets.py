"""Spreadsheet formats for every export of personal data (the admin's lists, a meetup's
lodging and travel lists): CSV and Excel whose cells an applicant typed can never run
as a formula."""

from __future__ import annotations

from import_export.formats.base_formats import CSV, XLSX

# A cell a spreadsheet would run as a formula (OWASP's list): "=", "+", "-", "@", tab, CR.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formulae_escaped(dataset):
    """Text an applicant typed is shown, never run: a leading apostrophe makes a formula
    plain text in Excel and LibreOffice. django-import-export's own setting
    (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) only drops one leading "=", which leaves
    "==HYPERLINK(...)" live and "+", "-", "@" untouched, and turns numbers into text."""
    rows = [
        [
            f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_START) else cell
            for cell in row
        ]
        for row in dataset
    ]
    del dataset[:]  # the headers stay
    for row in rows:
        dataset.append(row)
    return dataset


class SafeCSV(CSV):
    def export_data(self, dataset, **kwargs):
        return super().export_data(formulae_escaped(dataset), **kwargs)


class SafeXLSX(XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(formulae_escaped(dataset), **kwargs)
