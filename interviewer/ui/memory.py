"""Keep a long-running app server's resident memory from creeping up (Linux with glibc).

The Python objects of a busy server stay flat, yet its resident size rose by about 7 MB a
minute in the soak: glibc kept the freed heap (some 200 MB, fragmented across one arena per
thread) instead of handing it back. Two standard glibc knobs fix that: fewer arenas, and a
periodic malloc_trim(0), which returns free pages from inside the heap too. Elsewhere (macOS,
musl, Windows) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import threading
import time

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # from glibc's malloc.h
ARENAS = 2


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # noqa: B018 - only glibc has it
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def keep_memory_flat(trim_every_s: float) -> bool:
    """Cap the malloc arenas and start a daemon thread that trims the heap; False if not glibc.

    Call it before the server starts its threads: the arena cap applies to arenas made later."""
    if trim_every_s <= 0:
        return False
    libc = _glibc()
    if libc is None:
        log.info("not glibc: the heap is left to the platform's allocator (no arena cap or trim)")
        return False
    libc.mallopt(M_ARENA_MAX, ARENAS)

    def trim_forever() -> None:
        while True:
            time.sleep(trim_every_s)
            libc.malloc_trim(0)

    threading.Thread(target=trim_forever, name="malloc-trim", daemon=True).start()
    log.info("heap trimmed every %.0f s; malloc arenas capped at %d", trim_every_s, ARENAS)
    return True
