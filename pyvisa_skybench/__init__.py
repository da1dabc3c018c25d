"""The `@skybench` pyvisa backend: `pyvisa.ResourceManager("@skybench")`.

pyvisa imports `pyvisa_<name>` for a resource-manager string ending in `@<name>` and uses its WRAPPER_CLASS.
The bench served is chosen by the text before `@`: empty -> $SKYBENCH_BENCH, else the default bench
(`protocols.bench.set_default_bench_factory`); `demo` -> the demo bench; otherwise a bench file path
(`"bench.yaml@skybench"`). `PYVISA_LIBRARY=@skybench` points an unchanged `pyvisa.ResourceManager()` here.
"""
from protocols.visa_library import SkybenchVisaLibrary

WRAPPER_CLASS = SkybenchVisaLibrary

__all__ = ["WRAPPER_CLASS", "SkybenchVisaLibrary"]
