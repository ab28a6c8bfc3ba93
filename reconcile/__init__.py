"""Reconcile stage: facts → a consensus value for every entity, metric and qualifier.

Public entry point: :func:`reconcile_facts`.
"""

from __future__ import annotations

from reconcile.consensus import ReconcileConfig, ReconcileResult, reconcile_facts

__all__ = ["ReconcileConfig", "ReconcileResult", "reconcile_facts"]
