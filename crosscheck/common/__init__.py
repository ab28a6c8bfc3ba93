"""The ground floor every stage stands on: contracts, errors, units, intervals and schemas.

It imports no stage and nothing heavy at package import; `schemas` and `validation` (pandera)
and `intervals` (numpy) are imported only by the code that needs them.
"""
