"""MkDocs builds of the handbook: one build per language (side by side), staging, pages handed to
MkDocs, theme caches, sitemaps.

May import: generator.render and the packages below it."""
