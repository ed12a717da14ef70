"""Building many objects at once: the cyclic garbage collector paused meanwhile.

Loading a file, ranking candidates and reading an export each make many small objects,
none of them garbage and none holding a reference cycle: the collector's passes over a
growing heap would only walk them again and again, and take most of the time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, and leave it as it was found.

    A context manager, and a decorator (``@collector_paused()``).

    Example:
        >>> import gc
        >>> with collector_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
