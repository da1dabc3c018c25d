"""The wire: SCPI engine, IEEE 488.2 status model, pyvisa backend and TCP servers. Knows nothing of skyrmions.

One concept per module:
- `errors`      SCPI error codes, strings and the ESR bit each sets; `ScpiError`
- `message`     the program message parser (headers, typed parameter tokens)
- `tree`        header patterns in manual notation and the command tree (short/long forms, optional nodes,
                numeric suffixes, path rules)
- `numeric`     suffix multipliers and units in, NR1/NR3 out
- `values`      value types: Float, Int, Bool, Choice, String, Block, ChannelList, ListOf, Raw
- `declare`     declaring commands once: ScpiProperty, scpi_command, scpi_query, Deferred
- `status`      error queue and SCPI status registers
- `instrument`  ScpiInstrument: the engine, common commands, status model and the time hooks
- `session`     MessageSession: bytes in and out of one instrument (what transports talk to)
- `faults`      LinkFaults: a silent, late, disconnected or garbling link to one instrument
- `bench`       Bench (resource name -> instrument, one lock, link faults, recorders) and bench loading
- `transcript`  recorded sessions (the format: Recorder writes, read_transcript reads);
  `transcript_export` turns one into PyMeasure expected_protocol tests or a pyvisa-sim YAML
- `visa_library` the `@skybench` pyvisa backend; `tcp_server` raw-socket SCPI servers
- `conventions` the checks every instrument class passes; `demo` a small instrument for the tests

An instrument author needs: ScpiInstrument, ScpiProperty, scpi_command, scpi_query, Deferred, the value
types and ScpiError with the named codes.
"""
from protocols.declare import Deferred, ScpiProperty, scpi_command, scpi_query
from protocols.errors import ScpiError
from protocols.instrument import ScpiInstrument
from protocols.values import Block, Bool, ChannelList, Choice, Float, Int, ListOf, Raw, String

__all__ = [
    "Block",
    "Bool",
    "ChannelList",
    "Choice",
    "Deferred",
    "Float",
    "Int",
    "ListOf",
    "Raw",
    "ScpiError",
    "ScpiInstrument",
    "ScpiProperty",
    "String",
    "scpi_command",
    "scpi_query",
]
