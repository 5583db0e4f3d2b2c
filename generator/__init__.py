"""Difficult-clients handbook generator: YAML entries in, a four-language MkDocs site out.

Its packages are layered, each importing only those below it (see each one's docstring): language,
content, history, features, render, build, serve, then cli and the plugin. generator.yamlload, how
YAML is read, imports none of them and is below them all."""
