"""`mkdocs serve`: the serve session, worker processes, what changed since the last build.

May import: generator.build and the packages below it."""
