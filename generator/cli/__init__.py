"""The contributors' commands (`python -m generator ...`): check, new, status, links, report.

May import: any package but the plugin."""
