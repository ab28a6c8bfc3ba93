"""`python -m crosscheck` is the same as the `crosscheck` command."""

from crosscheck.cli import entry

entry()
