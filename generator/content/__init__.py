"""The content read and checked: YAML with positions, schemas, problems and hints, references, the model,
its texts (which language a reader gets, every text of an entry).

May import: generator.language."""
