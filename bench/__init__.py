"""Benchmarks: each module is a script of its own (`python bench/<module>.py`) and has
`measurements(run) -> list[Figure]`, which `python manage.py bench` imports and runs on the
current database (core.py holds what they share; README.md and RESULTS.md the figures).

MEASUREMENTS lists them in the order the command runs them."""

MEASUREMENTS = [
    "infopunt",
    "staff_pages",
    "dashboard",
    "raise_flags",
    "imports",
    "overlap",
    "matching",
]
