"""Errors raised by the reconcile stage; catch :class:`ReconcileError`."""


class ReconcileError(Exception):
    """Root of every error the reconcile stage raises on purpose."""
