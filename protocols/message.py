"""The program message parser: one terminated SCPI message -> headers and typed parameter tokens.

Grammar (IEEE 488.2 ch. 7, SCPI-99 vol. 1 ch. 6), as the 2182A/6221 manuals summarise it:

- A message is program message units separated by `;`. Empty units (a trailing `;`, as PyMeasure's drivers
  send) are ignored.
- A header is a common header (`*IDN?`, `*ESE 32`) or a compound header: mnemonics joined by `:`, an optional
  leading `:` (back to the root of the command tree), each mnemonic letters then optional digits (its numeric
  suffix, `OUTPut2`), then `?` for a query. A mnemonic after a `:` may be digits only (a numeric node, as the
  AMI 430's `RAMP:RATE:FIELD:1?`): it reaches the tree as (NUMERIC_NODE, value), and only an instrument
  that declares such a node accepts it (others answer -113). Mnemonics are at most 12 characters (-112).
  `:*CLS` is accepted as `*CLS` because drivers send it and the Keithley units take it.
- Whitespace (bytes 0-9 and 11-32, so CR is whitespace) separates a header from its parameters, which are
  separated by `,`:
  decimal numbers (`-1.5E-3`) with an optional suffix (`100NS`, `-3 mV`), non-decimal numbers (`#HFF`,
  `#Q17`, `#B101`), character data (`ON`, `MAX`, `BUS`), strings in single or double quotes (a doubled quote
  is a literal one), definite blocks (`#15hello`) and the indefinite block (`#0...` to the end of the
  message), and parenthesised expressions such as channel lists `(@1,2:4)`.

`parse_message` returns an immutable `ParsedMessage`: the units that parsed and, if the parser stopped, the
error of the first bad unit (the units before it are still executed, as an instrument would). The result
depends only on the text, so short messages are memoised in a bounded cache (the *IDN? round trip pays for
parsing once).
The parser never evaluates anything: every token is data.
"""
from __future__ import annotations

import functools
import re
from types import MappingProxyType
from typing import NamedTuple

from protocols.errors import (
    CHARACTER_DATA_TOO_LONG,
    EXPRESSION_ERROR,
    INVALID_BLOCK_DATA,
    INVALID_CHARACTER,
    INVALID_SEPARATOR,
    INVALID_STRING_DATA,
    MNEMONIC_TOO_LONG,
    NUMERIC_DATA_ERROR,
    SYNTAX_ERROR,
)

#: IEEE 488.2 7.6.1.2: program mnemonics and character data are at most 12 characters.
MAX_MNEMONIC_LENGTH = 12
#: IEEE 488.2 7.7.3.2: a suffix is at most 12 characters.
MAX_SUFFIX_LENGTH = 12
#: Non-decimal numbers (#H, #Q, #B) must be below this (64-bit unsigned).
NON_DECIMAL_LIMIT = 2**64
#: How many distinct messages the parse cache keeps, and the longest message it keeps (characters).
PARSE_CACHE_SIZE = 2048
PARSE_CACHE_MAX_LENGTH = 256

_WS = re.compile(r"[\x00-\x20]*")
_MNEMONIC = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_NUMERIC_NODE = re.compile(r"[0-9]+")
#: The name a numeric node (`FIELD:1`) gets in parsed headers and in the command tree.
NUMERIC_NODE = "#"
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_SUFFIX = re.compile(r"[A-Za-z][A-Za-z/]*")
_NON_DECIMAL = re.compile(r"#([HhQqBb])([0-9A-Za-z]*)")
_BASES = MappingProxyType({"H": (16, "0123456789ABCDEF"), "Q": (8, "01234567"), "B": (2, "01")})
_SIGNED_INFINITY = re.compile(r"([+-])(INF|inf|Inf)\b")


class Token(NamedTuple):
    """One parameter: `kind` is num, char, str, block or expr; `value` is float/int, upper-case text, str,
    bytes or the raw expression text; `suffix` (numbers only) is the upper-case suffix or ''."""

    kind: str
    value: object
    suffix: str = ""
    text: str = ""


class Header(NamedTuple):
    """A parsed header. `mnemonics` holds (upper-case name, numeric suffix or None) pairs; a common header
    has one mnemonic, its name without the `*`."""

    common: bool
    absolute: bool
    mnemonics: tuple[tuple[str, int | None], ...]
    query: bool
    text: str


class Unit(NamedTuple):
    """One program message unit: a header and its parameters."""

    header: Header
    params: tuple[Token, ...]


class ParsedMessage(NamedTuple):
    """The units that parsed, then the (code, detail) of the error that stopped the parser, if any."""

    units: tuple[Unit, ...]
    error: tuple[int, str] | None


class _Stop(Exception):
    def __init__(self, code: int, detail: str = ""):
        self.code = code
        self.detail = detail


def parse_message(text: str) -> ParsedMessage:
    """Parse one program message (its terminator already removed) into units and a stopping error."""
    if len(text) <= PARSE_CACHE_MAX_LENGTH:
        return _parse_cached(text)
    return _parse(text)


def _parse(text: str) -> ParsedMessage:
    units: list[Unit] = []
    n = len(text)
    i = 0
    while True:
        i = _WS.match(text, i).end()
        if i >= n:
            break
        if text[i] == ";":
            i += 1
            continue
        try:
            unit, i = _parse_unit(text, i, n)
        except _Stop as stop:
            return ParsedMessage(tuple(units), (stop.code, stop.detail))
        units.append(unit)
        if i < n:  # _parse_unit stops only at the end or at a ';'
            i += 1
    return ParsedMessage(tuple(units), None)


_parse_cached = functools.lru_cache(maxsize=PARSE_CACHE_SIZE)(_parse)


def _parse_unit(s: str, i: int, n: int) -> tuple[Unit, int]:
    header, i = _parse_header(s, i, n)
    params: list[Token] = []
    if i < n and s[i] != ";":
        j = _WS.match(s, i).end()
        if j == i:
            raise _Stop(_bad_char_code(s[i]), f"after header {header.text}")
        i = j
        if i < n and s[i] != ";":
            while True:
                token, i = _parse_param(s, i, n)
                params.append(token)
                i = _WS.match(s, i).end()
                if i >= n or s[i] == ";":
                    break
                if s[i] != ",":
                    raise _Stop(INVALID_SEPARATOR, repr(s[i]))
                i = _WS.match(s, i + 1).end()
                if i >= n or s[i] in ",;":
                    raise _Stop(SYNTAX_ERROR, "missing parameter after ','")
    return Unit(header, tuple(params)), i


def _parse_header(s: str, i: int, n: int) -> tuple[Header, int]:
    start = i
    absolute = False
    if s[i] == ":":
        absolute = True
        i += 1
    if i < n and s[i] == "*":
        match = _MNEMONIC.match(s, i + 1)
        if match is None:
            raise _Stop(_bad_char_code(s[i + 1] if i + 1 < n else "*"), "in common header")
        name = match.group()
        if len(name) > MAX_MNEMONIC_LENGTH:
            raise _Stop(MNEMONIC_TOO_LONG, name[:MAX_MNEMONIC_LENGTH])
        i = match.end()
        query = i < n and s[i] == "?"
        if query:
            i += 1
        return Header(True, absolute, ((name.upper(), None),), query, s[start:i]), i
    mnemonics = []
    while True:
        match = _MNEMONIC.match(s, i) if i < n else None
        if match is None and mnemonics and i < n:
            number = _NUMERIC_NODE.match(s, i)
            if number is not None and len(number.group()) <= MAX_MNEMONIC_LENGTH:
                mnemonics.append((NUMERIC_NODE, int(number.group())))
                i = number.end()
                if i < n and s[i] == ":":
                    i += 1
                    continue
                break
        if match is None:
            raise _Stop(_bad_char_code(s[i]) if i < n else SYNTAX_ERROR, "in header")
        word = match.group()
        if len(word) > MAX_MNEMONIC_LENGTH:
            raise _Stop(MNEMONIC_TOO_LONG, word[:MAX_MNEMONIC_LENGTH])
        mnemonics.append(_split_suffix(word))
        i = match.end()
        if i < n and s[i] == ":":
            i += 1
            continue
        break
    query = i < n and s[i] == "?"
    if query:
        i += 1
    return Header(False, absolute, tuple(mnemonics), query, s[start:i]), i


def _split_suffix(word: str) -> tuple[str, int | None]:
    end = len(word)
    while end > 1 and word[end - 1].isdigit():
        end -= 1
    if end == len(word):
        return word.upper(), None
    return word[:end].upper(), int(word[end:])


def _parse_param(s: str, i: int, n: int) -> tuple[Token, int]:
    c = s[i]
    if c in "+-.0123456789":
        return _parse_number(s, i, n)
    if c.isascii() and c.isalpha():
        match = _MNEMONIC.match(s, i)
        word = match.group()
        if len(word) > MAX_MNEMONIC_LENGTH:
            raise _Stop(CHARACTER_DATA_TOO_LONG, word[:MAX_MNEMONIC_LENGTH])
        return Token("char", word.upper(), "", word), match.end()
    if c in "\"'":
        return _parse_string(s, i, n)
    if c == "#":
        return _parse_hash(s, i, n)
    if c == "(":
        return _parse_expression(s, i, n)
    raise _Stop(_bad_char_code(c), "in parameter")


def _parse_number(s: str, i: int, n: int) -> tuple[Token, int]:
    infinity = _SIGNED_INFINITY.match(s, i)
    if infinity:
        word = "NINF" if infinity.group(1) == "-" else "INF"
        return Token("char", word, "", infinity.group()), infinity.end()
    match = _NUMBER.match(s, i)
    if match is None:
        raise _Stop(NUMERIC_DATA_ERROR, s[i : i + 12])
    j = match.end()
    if j < n and s[j] in ".0123456789":
        raise _Stop(NUMERIC_DATA_ERROR, s[i : j + 1])
    value = float(match.group())
    k = _WS.match(s, j).end()
    suffix_match = _SUFFIX.match(s, k) if k < n else None
    if suffix_match is None:
        return Token("num", value, "", match.group()), j
    suffix = suffix_match.group()
    if len(suffix) > MAX_SUFFIX_LENGTH:
        raise _Stop(-134, suffix[:MAX_SUFFIX_LENGTH])
    return Token("num", value, suffix.upper(), s[i : suffix_match.end()]), suffix_match.end()


def _parse_string(s: str, i: int, n: int) -> tuple[Token, int]:
    quote = s[i]
    parts = []
    j = i + 1
    while True:
        end = s.find(quote, j)
        if end < 0:
            raise _Stop(INVALID_STRING_DATA, "unterminated string")
        parts.append(s[j:end])
        if end + 1 < n and s[end + 1] == quote:
            parts.append(quote)
            j = end + 2
            continue
        return Token("str", "".join(parts), "", s[i : end + 1]), end + 1


def _parse_hash(s: str, i: int, n: int) -> tuple[Token, int]:
    if i + 1 >= n:
        raise _Stop(INVALID_BLOCK_DATA, "lone '#'")
    c = s[i + 1]
    if c in "HhQqBb":
        match = _NON_DECIMAL.match(s, i)
        base, digits = _BASES[match.group(1).upper()]
        body = match.group(2).upper()
        if not body or any(ch not in digits for ch in body):
            raise _Stop(NUMERIC_DATA_ERROR, match.group())
        value = int(body, base)
        if value >= NON_DECIMAL_LIMIT:
            raise _Stop(NUMERIC_DATA_ERROR, "non-decimal number too large")
        return Token("num", value, "", match.group()), match.end()
    if c == "0":
        return Token("block", s[i + 2 :].encode("latin-1"), "", s[i:]), n
    if c in "123456789":
        width = int(c)
        digits = s[i + 2 : i + 2 + width]
        if len(digits) != width or not digits.isdigit():
            raise _Stop(INVALID_BLOCK_DATA, "bad length field")
        start = i + 2 + width
        end = start + int(digits)
        if end > n:
            raise _Stop(INVALID_BLOCK_DATA, "block shorter than its length field")
        return Token("block", s[start:end].encode("latin-1"), "", s[i:end]), end
    raise _Stop(INVALID_BLOCK_DATA, repr(s[i : i + 2]))


def _parse_expression(s: str, i: int, n: int) -> tuple[Token, int]:
    depth = 0
    for j in range(i, n):
        c = s[j]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return Token("expr", s[i : j + 1], "", s[i : j + 1]), j + 1
        elif c == ";":
            break
    raise _Stop(EXPRESSION_ERROR, "unbalanced parentheses")


def _bad_char_code(c: str) -> int:
    """-101 for a character no SCPI element may hold here (non-ASCII, control), else -102."""
    return INVALID_CHARACTER if (not c.isascii() or not c.isprintable()) else SYNTAX_ERROR
