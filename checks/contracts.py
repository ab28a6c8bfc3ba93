"""Moved to :mod:`crosscheck.common.validation`; this name is kept for one release."""

from crosscheck.common.validation import Validated, prepare_contracts, validate_frame

__all__ = ["Validated", "prepare_contracts", "validate_frame"]
