"""Open-vocabulary metric names: a label word that names no measure of its own ("FP64
Compute") does not split one metric in two across pages."""

from __future__ import annotations

from crosscheck.normalize.qualifiers import auto_metric


def test_a_filler_word_after_the_measure_is_dropped() -> None:
    assert auto_metric("FP64 Compute", "flops") == auto_metric("FP64", "flops") == "auto:fp64:flops"
    assert auto_metric("Inference Performance (ms)", "time") == "auto:inference:time"


def test_a_filler_word_alone_stays_the_name() -> None:
    assert auto_metric("Compute", "flops") == "auto:compute:flops"
