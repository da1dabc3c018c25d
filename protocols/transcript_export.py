"""A recorded session (protocols.transcript) as tests that run without the emulator.

- `to_pymeasure(header, records)`: a pytest module with one test per resource; each replays the resource's
  exchanges through PyMeasure's `expected_protocol` (pymeasure.test), which checks every byte the code under
  test sends and feeds it the recorded replies: (command, reply) pairs as the transcript has them, a reply
  nobody asked for (the AMI 430's greeting) as (None, reply). Edit the test body to call your own driver.
- `to_pyvisa_sim(header, records)`: a pyvisa-sim YAML (spec 1.1) with one device per resource whose dialogues
  are the recorded queries and commands. pyvisa-sim matches each `;`-separated part of a message exactly and
  always gives one answer per query, so: every part of every recorded message becomes a dialogue (a command
  without a reply gets none), a query keeps the first reply it got (`conflicts` counts those answered
  differently later), and unasked replies (connect messages) are left out: pyvisa-sim cannot send them.
"""
from __future__ import annotations

import re
from typing import Any

from protocols.transcript import Record, pairs

_QUERY = re.compile(r"\?(\s|$)")


def _identifier(resource: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", resource.lower()).strip("_") or "resource"


def resources_of(records: list[Record]) -> list[str]:
    """The resources of a transcript in the order they first appear."""
    seen: dict[str, None] = {}
    for record in records:
        seen.setdefault(record.resource, None)
    return list(seen)


def to_pymeasure(header: dict, records: list[Record], source: str = "transcript") -> str:
    """A pytest module replaying each resource's exchanges with pymeasure.test.expected_protocol."""
    lines = [
        f'"""PyMeasure protocol tests from {source} (skybench transcript, bench {header.get("bench", "?")!r}).',
        "",
        "Each test replays one instrument's recorded exchanges; expected_protocol checks every message sent and",
        'returns the recorded replies. Replace the calls in a test body by your driver\'s to test the driver."""',
        "from pymeasure.instruments import Instrument",
        "from pymeasure.test import expected_protocol",
        "",
        "",
        "class Recorded(Instrument):",
        '    """A bare instrument: write, read and ask only."""',
        "",
        "    def __init__(self, adapter, name=\"recorded instrument\", **kwargs):",
        "        super().__init__(adapter, name, includeSCPI=False, **kwargs)",
    ]
    for resource in resources_of(records):
        exchanges = pairs(records, resource)
        idn = header.get("resources", {}).get(resource, {}).get("idn", "")
        lines += ["", "", f"def test_{_identifier(resource)}():", f'    """{resource}: {idn or "recorded"}."""',
                  "    comm_pairs = ["]
        lines += [f"        ({command!r}, {reply!r})," for command, reply in exchanges]
        lines += ["    ]", "    with expected_protocol(Recorded, comm_pairs) as instrument:"]
        for command, reply in exchanges:
            if command is None:
                lines.append(f"        assert instrument.read() == {reply!r}")
            elif reply is None:
                lines.append(f"        instrument.write({command!r})")
            else:
                lines.append(f"        assert instrument.ask({command!r}) == {reply!r}")
        if not exchanges:
            lines.append("        pass")
    return "\n".join(lines) + "\n"


def _parts(message: str) -> list[str]:
    """The parts pyvisa-sim looks up: the message split at every ';', spaces stripped as it strips them."""
    return [part.strip(" ") for part in message.split(";")]


def to_pyvisa_sim(header: dict, records: list[Record]) -> tuple[dict[str, Any], int]:
    """(the pyvisa-sim document, the number of queries answered differently later than first)."""
    from pyvisa import rname

    devices: dict[str, Any] = {}
    resources: dict[str, Any] = {}
    conflicts = 0
    for index, resource in enumerate(resources_of(records), start=1):
        info = header.get("resources", {}).get(resource, {})
        terminator = info.get("terminator", "\n")
        try:
            parsed = rname.parse_resource_name(resource)
            eom_key = f"{parsed.interface_type} {parsed.resource_class}"
        except rname.InvalidResourceName:
            eom_key = "GPIB INSTR"
        dialogues: dict[str, str | None] = {}
        for command, reply in pairs(records, resource):
            if command is None:
                continue
            parts = [part for part in _parts(command) if part]
            queries = [part for part in parts if _QUERY.search(part)]
            replies = reply.split(";") if reply is not None else []
            if len(replies) != len(queries):
                replies = ([reply] if reply is not None else []) if len(queries) <= 1 else \
                    [*([""] * (len(queries) - 1)), reply]
            answers = dict(zip(queries, replies))
            for part in parts:
                answer = answers.get(part)
                if part in dialogues:
                    conflicts += dialogues[part] != answer and answer is not None
                    continue
                dialogues[part] = answer
        name = f"device_{index}"
        devices[name] = {
            "eom": {eom_key: {"q": "\n", "r": terminator}},
            "error": "ERROR",
            "dialogues": [{"q": q} if r is None else {"q": q, "r": r} for q, r in dialogues.items()],
        }
        resources[resource] = {"device": name}
    return {"spec": "1.1", "devices": devices, "resources": resources}, conflicts
