"""The content made into pages, in memory: page objects, the renderer and its templates, URLs,
headings, sanitizing, QR codes, page reuse.

May import: generator.features, generator.history, generator.content, generator.language."""
