"""Benchmarks: a seeded corpus generator and a runner comparing the project with plain Pelican."""
