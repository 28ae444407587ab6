"""Benchmark scripts (run each as `python bench/<name>.py`); they print figures, they assert nothing."""
