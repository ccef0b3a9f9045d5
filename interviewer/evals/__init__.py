"""Eval suites: datasets (validated), metrics with confidence intervals, and runners."""
