"""Benchmark harness (`make bench`): synthetic data, HTTP throughput, subtree roll-ups."""
