"""Errors raised by the reconcile stage; catch :class:`ReconcileError`."""

from crosscheck.common.errors import CrosscheckError


class ReconcileError(CrosscheckError):
    """Root of every error the reconcile stage raises on purpose."""
