"""Difficult-clients handbook generator: YAML entries in, a four-language MkDocs site out."""
