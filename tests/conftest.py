"""Test configuration: hypothesis profiles chosen by the HYPOTHESIS_PROFILE variable."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=50)
settings.register_profile(
    "ci",
    max_examples=300,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_terminal_summary(terminalreporter: object) -> None:
    """Print the fuzz suite's counts (inputs tried, library errors, round trips), if it ran."""
    import sys  # noqa: PLC0415

    fuzz = sys.modules.get("test_fuzz_files")
    counts = getattr(fuzz, "COUNTS", None)
    if counts:
        write = terminalreporter.write_line  # type: ignore[attr-defined]
        write("fuzz suite (tests/test_fuzz_files.py):")
        for name, count in sorted(counts.items()):
            write(f"  {name}: {count:,}")
