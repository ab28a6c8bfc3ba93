"""How a finding's explanation writes canonical values: tiny rates keep their digits."""

from crosscheck.common.units import format_interval, format_value


def test_an_error_rate_is_not_written_as_zero() -> None:
    # Uncorrectable bit error rates (1e-17 vs 1e-15) used to read "0 vs 0" in a conflict.
    assert format_interval(1e-17, 1e-15, None) == "1e-17–1e-15"
    assert format_value(2.5e-3, "W") == "0.0025 W"


def test_ordinary_values_keep_their_rounding() -> None:
    assert format_value(0.33, None) == "0.33"
    assert format_value(0, None) == "0"
    assert format_value(1_234.567, None) == "1,234.57"
    assert format_value(19.5e12, "FLOP/s") == "19.5 TFLOP/s"
