"""The crosscheck benchmark: a seeded synthetic corpus with known defects, scoring and a driver.

`bench.corpus` writes the pages and their ground truth, `bench.truth` scores findings against
it, `bench.run` times the pipeline stage by stage against the floors (docs/benchmarks.md).
"""
