"""What the handbook computes from its content besides pages: search index, practice questions,
JSON export, link previews.

May import: generator.history, generator.content, generator.language."""
