"""What git knows about the content: one git runner, last-change dates, earlier versions,
translation staleness, changes between commits.

May import: generator.content, generator.language."""
