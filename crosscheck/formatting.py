"""Moved to :mod:`crosscheck.common.units`; this name is kept for one release."""

from crosscheck.common.units import format_interval, format_value

__all__ = ["format_interval", "format_value"]
