"""Per instrument, the manual's commands a measurement uses: those we emulate answer (their header resolves in
the instrument's command tree), those we do not answer -113 Undefined header (-114 where the node exists with
another suffix), as a command the unit lacked would. Each instrument module's MANUAL_COMMANDS is the list (True emulated, False not); this test keeps it
honest, and `-s` prints the table."""
from __future__ import annotations

import pytest

import instruments
from protocols.errors import HEADER_SUFFIX_OUT_OF_RANGE, UNDEFINED_HEADER, ScpiError
from protocols.message import parse_message


def resolves(cls, header: str) -> bool:
    """Whether `header` (with '?' for the query form) reaches a handler of `cls`."""
    (unit,) = parse_message(header).units
    tree = cls._tree
    try:
        if unit.header.common:
            tree.common_handler(unit.header.mnemonics[0][0], unit.header.query)
        else:
            tree.resolve(tree.root, unit.header.mnemonics, unit.header.query)
    except ScpiError as error:
        assert error.code in (UNDEFINED_HEADER, HEADER_SUFFIX_OUT_OF_RANGE), header
        return False
    return True


@pytest.mark.parametrize("cls", instruments.INSTRUMENT_CLASSES, ids=lambda cls: cls.__name__)
def test_the_manual_table_is_what_the_instrument_answers(cls):
    import sys

    table = sys.modules[cls.__module__].MANUAL_COMMANDS
    emulated = [header for header, yes in table.items() if yes]
    missing = [header for header, yes in table.items() if not yes]
    assert emulated and missing
    assert [h for h in emulated if not resolves(cls, h)] == []
    assert [h for h in missing if resolves(cls, h)] == []
    print(f"\n{cls.MODEL}: {len(emulated)} emulated ({', '.join(emulated)}); {len(missing)} not ({', '.join(missing)})")
