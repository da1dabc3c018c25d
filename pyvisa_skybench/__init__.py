"""The `@skybench` pyvisa backend: `pyvisa.ResourceManager("@skybench")`.

pyvisa imports `pyvisa_<name>` for a resource-manager string ending in `@<name>` and uses its WRAPPER_CLASS.
The bench served is chosen by the text before `@`: empty -> $SKYBENCH_BENCH, else the default skyrmion bench
(`instruments/default_bench.yaml`: 81150A, 6221, 2182A, 7001 switch, AMI 430 around the gdfeco_experiment
device); `demo` -> the protocol layer's demo bench; otherwise a bench file path (`"bench.yaml@skybench"`).
`PYVISA_LIBRARY=@skybench` points an unchanged `pyvisa.ResourceManager()` here.
"""
from instruments.bench_file import install
from protocols.visa_library import SkybenchVisaLibrary

install()

WRAPPER_CLASS = SkybenchVisaLibrary

__all__ = ["WRAPPER_CLASS", "SkybenchVisaLibrary"]
