"""Freshness of numba's on-disk cache for the kernel, whose compiled code spans many files.

Numba stamps a cached function with its own source file only (modification time and size), and a cached
caller embeds the compiled code of everything it calls. The kernel compiles in the stages, the force laws'
hooks, the rates and the outline from other files, so after an edit to, say, `rates.py` numba would load the
old kernel from its cache and run the old code. `stamp_with_sources` gives the listed cached functions one
stamp instead: a digest of every file they can compile in (this package, the current map, the material
constants), so any edit there recompiles them once. It sets numba's private `_cache._cache_file._source_stamp`
(numba 0.59 to 0.61) and raises if that attribute is gone, rather than let a stale kernel run silently.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

SOURCES = (*sorted(Path(__file__).parent.glob("*.py")),
           Path(__file__).parent.parent / "current_flow.py", Path(__file__).parent.parent / "material.py")
"""Every file the kernel's compiled code can come from."""


def sources_digest() -> str:
    """SHA-256 over the names and contents of SOURCES."""
    digest = hashlib.sha256()
    for path in SOURCES:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stamp_with_sources(dispatchers) -> None:
    """Make each cached numba dispatcher's cache entry valid only for the present SOURCES."""
    stamp = ("skybench-thiele-sources", sources_digest())
    for dispatcher in dispatchers:
        cache_file = getattr(getattr(dispatcher, "_cache", None), "_cache_file", None)
        if cache_file is None or not hasattr(cache_file, "_source_stamp"):
            raise RuntimeError(f"numba's cache internals changed: cannot keep {dispatcher} fresh "
                               "(see emulator/thiele/cache.py)")
        cache_file._source_stamp = stamp
