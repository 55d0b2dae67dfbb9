//! Realistic data at any size, through the same schema, for benchmarks.
