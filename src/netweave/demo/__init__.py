"""A deterministic synthetic network for demos, tests and benchmarks (`netweave demo`)."""
