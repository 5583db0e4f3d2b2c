"""The handbook's languages and how each speaks: language codes, UI strings, plurals, typography, collation.

May import: nothing else of the generator but generator.yamlload (which imports none of it)."""
