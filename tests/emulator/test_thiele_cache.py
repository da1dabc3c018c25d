"""The kernel's numba cache entries are stamped with a digest of every file the kernel compiles in, so an edit
to a stage, a force law or the rates recompiles the kernel instead of loading the old code from disk."""
from emulator.thiele import cache, forces, kernel, lifecycle


def test_kernel_cache_is_stamped_with_every_source_it_compiles_in():
    names = {path.name for path in cache.SOURCES}
    assert {"kernel.py", "forces.py", "lifecycle.py", "rates.py", "sot.py", "hooks.py", "current_flow.py"} <= names
    stamp = ("skybench-thiele-sources", cache.sources_digest())
    for dispatcher in (kernel.advance, kernel.advance_device, forces.compute, lifecycle.update):
        assert dispatcher._cache._cache_file._source_stamp == stamp


def test_the_digest_follows_the_content(tmp_path, monkeypatch):
    source = tmp_path / "law.py"
    source.write_text("K = 1.0\n")
    monkeypatch.setattr(cache, "SOURCES", (source,))
    before = cache.sources_digest()
    source.write_text("K = 2.0\n")
    assert cache.sources_digest() != before
