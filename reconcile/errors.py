"""Errors raised by the reconcile stage; callers catch :class:`ReconcileError` to handle any of them."""


class ReconcileError(Exception):
    """Root of every error the reconcile stage raises on purpose."""
