//! Nothing to build: this crate only holds benchmarks (`benches/`) of the generated client.
