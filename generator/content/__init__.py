"""The content read and checked: YAML with positions, schemas, problems and hints, references, the model.

May import: generator.language."""
