"""The app server hands freed heap memory back to the OS (glibc), so a long run stays flat."""

import threading
from pathlib import Path

import pytest

from interviewer.ui.memory import _glibc, keep_memory_flat


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_trim_returns_fragmented_free_memory() -> None:
    libc = _glibc()
    if libc is None:
        pytest.skip("not glibc: the trim is a no-op there")
    # 150 MB in 1 KB blocks (too big for Python's small-object allocator: glibc serves them),
    # then every block but one in ten freed: the heap cannot shrink from its end.
    blocks = [bytes(1024) + bytes([n % 256]) for n in range(150_000)]
    keep = blocks[::10]
    del blocks
    before = _rss_mb()
    libc.malloc_trim(0)
    after = _rss_mb()
    assert len(keep) == 15_000
    assert before - after > 50, (before, after)


def test_keep_memory_flat_starts_one_trimmer_or_says_it_cannot() -> None:
    assert keep_memory_flat(0) is False  # disabled by configuration
    started = keep_memory_flat(3600)
    names = [t.name for t in threading.enumerate()]
    assert started == (_glibc() is not None)
    assert ("malloc-trim" in names) == started
