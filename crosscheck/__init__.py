"""crosscheck: extract, normalize, check, reconcile and load figures from comparison pages.

Kept import-light on purpose: `crosscheck --help` must not import pandas or Great Expectations.
"""

__version__ = "0.1.0"
