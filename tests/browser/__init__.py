"""Browser tests: a package, so this folder's conftest does not replace the suite's own `conftest` module."""
