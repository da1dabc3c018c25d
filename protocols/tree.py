"""Header patterns in manual notation and the SCPI command tree they build.

A pattern is written as the manuals print it: `[:SOURce]:PULSe:WIDTh`, `OUTPut<n:1-2>[:STATe]`,
`[:SENSe]:VOLTage[:DC]:NPLCycles`, `*IDN`. Upper-case letters are the short form, the whole word the long
form; either is accepted in any case (SCPI-99 vol. 1, 6.2.1). `[...]` marks an optional node. `<name:lo-hi>`
declares a numeric suffix: it is optional on the wire, defaults to `lo`, must lie in [lo, hi] (else -114),
and reaches the handler as the keyword argument `name`. A node without a declared suffix accepts the suffix
1 and nothing else (-114). A node that is a number only, `RAMP:RATE:FIELD:<segment:1-10>` (the AMI 430's
segment node, `RAMP:RATE:FIELD:1?`), is written as a suffix without a word: it is required on the wire
(NUMERIC_NODE is its name in the tree) and reaches the handler like a suffix.

Path rules (IEEE 488.2 A.1.1, SCPI-99 vol. 1, 6.2.4): each message starts at the root; after a unit the
current path is the node at which its last mnemonic was looked up, so `STAT:OPER:ENAB 1;ENAB?` works; a
leading `:` resets to the root; common commands leave the path alone. Optional nodes may be skipped anywhere,
including at the end (`SOUR:CURR` reaches `SOURce:CURRent[:LEVel][:IMMediate][:AMPLitude]`).
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

from protocols.errors import HEADER_SUFFIX_OUT_OF_RANGE, UNDEFINED_HEADER, ScpiError
from protocols.message import NUMERIC_NODE

_ELEMENT = re.compile(
    r"(?P<open>\[)?:?(?P<word>[A-Za-z][A-Za-z0-9]*)?"
    r"(?:<(?P<sname>[a-z_][a-z0-9_]*)(?::(?P<lo>\d+)-(?P<hi>\d+))?>)?(?P<close>\])?"
)
_WORD = re.compile(r"([A-Z][A-Z0-9]*)([a-z][a-z0-9]*)?")
#: Upper bound of a suffix declared without a range (`<n>`).
DEFAULT_SUFFIX_MAX = 2**16
#: How many header resolutions a tree remembers.
RESOLVE_CACHE_SIZE = 4096


class Suffix(NamedTuple):
    """A declared numeric suffix: keyword name and inclusive range (the default is `low`)."""

    name: str
    low: int
    high: int


class Element(NamedTuple):
    """One node of a pattern."""

    long: str
    short: str
    optional: bool
    suffix: Suffix | None


class Pattern(NamedTuple):
    """A parsed header pattern."""

    text: str
    common: bool
    elements: tuple[Element, ...]


def parse_pattern(text: str) -> Pattern:
    """Parse manual notation into a Pattern; raise ValueError naming the fault."""
    body = text[:-1] if text.endswith("?") else text
    if body.startswith("*"):
        word = body[1:]
        if not re.fullmatch(r"[A-Z][A-Z0-9]*", word):
            raise ValueError(f"common header {text!r} must be '*' and upper-case letters")
        return Pattern(text, True, (Element(word, word, False, None),))
    elements = []
    i = 0
    while i < len(body):
        match = _ELEMENT.match(body, i)
        if match is None or bool(match.group("open")) != bool(match.group("close")):
            raise ValueError(f"header pattern {text!r}: cannot read it at position {i}")
        if i > 0 and body[i] not in ":[":
            raise ValueError(f"header pattern {text!r}: nodes must be joined by ':'")
        word = match.group("word")
        if word is None:
            if not match.group("sname") or match.group("open") or i == 0:
                raise ValueError(f"header pattern {text!r}: a numeric node is a required <name:lo-hi> after ':'")
            low, high = int(match.group("lo") or 1), int(match.group("hi") or DEFAULT_SUFFIX_MAX)
            if low > high:
                raise ValueError(f"header pattern {text!r}: empty suffix range {low}-{high}")
            elements.append(Element(NUMERIC_NODE, NUMERIC_NODE, False, Suffix(match.group("sname"), low, high)))
            i = match.end()
            continue
        form = _WORD.fullmatch(word)
        if form is None:
            raise ValueError(
                f"header pattern {text!r}: mnemonic {word!r} must be its upper-case short form "
                "followed by the lower-case rest of the long form"
            )
        if word[-1].isdigit():
            raise ValueError(
                f"header pattern {text!r}: {word!r} ends in a digit; declare a numeric suffix as <name:lo-hi>"
            )
        suffix = None
        if match.group("sname"):
            low = int(match.group("lo") or 1)
            high = int(match.group("hi") or DEFAULT_SUFFIX_MAX)
            if low > high:
                raise ValueError(f"header pattern {text!r}: empty suffix range {low}-{high}")
            suffix = Suffix(match.group("sname"), low, high)
        elements.append(Element(word.upper(), form.group(1), bool(match.group("open")), suffix))
        i = match.end()
    if not elements:
        raise ValueError(f"empty header pattern {text!r}")
    return Pattern(text, False, tuple(elements))


class Node:
    """A node of the command tree: its children by short and long form, and its handlers by kind
    ('set' for the command form, 'query' for the `?` form)."""

    __slots__ = ("long", "short", "optional", "suffix", "children", "lookup", "handlers", "_find", "_leaf")

    def __init__(self, long: str = "", short: str = "", optional: bool = False, suffix: Suffix | None = None):
        self.long = long
        self.short = short
        self.optional = optional
        self.suffix = suffix
        self.children: dict[str, Node] = {}
        self.lookup: dict[str, Node] = {}
        self.handlers: dict[str, Any] = {}
        self._find: dict[str, tuple[Node, ...]] = {}
        self._leaf: dict[str, tuple[Node, ...] | None] = {}

    def __repr__(self) -> str:
        return f"<Node {self.long or 'ROOT'}>"

    def find(self, name: str) -> tuple[Node, ...] | None:
        """The nodes from here to the child called `name` (short or long form), skipping optional nodes;
        a direct child wins over one behind an optional node."""
        hit = self._find.get(name)
        if hit is not None:
            return hit
        child = self.lookup.get(name)
        if child is not None:
            steps: tuple[Node, ...] | None = (child,)
        else:
            steps = None
            for option in self.children.values():
                if option.optional:
                    below = option.find(name)
                    if below is not None:
                        steps = (option, *below)
                        break
        if steps is not None:
            self._find[name] = steps  # only hits are remembered, so arbitrary input cannot grow this
        return steps

    def leaf(self, kind: str) -> tuple[Node, ...] | None:
        """The optional nodes to descend through until one has a handler of `kind` (() if this one has)."""
        if kind in self._leaf:
            return self._leaf[kind]
        result: tuple[Node, ...] | None = None
        if kind in self.handlers:
            result = ()
        else:
            for option in self.children.values():
                if option.optional:
                    below = option.leaf(kind)
                    if below is not None:
                        result = (option, *below)
                        break
        self._leaf[kind] = result
        return result


class Resolution(NamedTuple):
    """A resolved header: the handler, the new current path, and the suffix keyword arguments."""

    handler: Any
    path: Node
    suffixes: dict[str, int]


class CommandTree:
    """The command tree of one instrument class; built once per class, then read-only."""

    def __init__(self) -> None:
        self.root = Node()
        self.common: dict[str, dict[str, Any]] = {}
        self.entries: list[tuple[Pattern, str, Any]] = []
        self._cache: dict[tuple, Resolution | int] = {}

    def add(self, pattern: Pattern | str, kind: str, handler: Any) -> None:
        """Register `handler` for the `kind` ('set' or 'query') form of `pattern`."""
        if isinstance(pattern, str):
            pattern = parse_pattern(pattern)
        if pattern.common:
            slot = self.common.setdefault(pattern.elements[0].long, {})
            if kind in slot:
                raise ValueError(f"{pattern.text!r} ({kind}) is declared twice")
            slot[kind] = handler
            self.entries.append((pattern, kind, handler))
            return
        node = self.root
        for element in pattern.elements:
            child = node.children.get(element.long)
            if child is None:
                for other in node.children.values():
                    if element.short in (other.short, other.long) or element.long in (other.short, other.long):
                        raise ValueError(
                            f"{pattern.text!r}: {element.long} clashes with {other.long} at the same level"
                        )
                child = Node(element.long, element.short, element.optional, element.suffix)
                node.children[element.long] = child
                node.lookup[element.long] = child
                node.lookup[element.short] = child
            else:
                if child.suffix != element.suffix:
                    raise ValueError(f"{pattern.text!r}: {element.long} declared with two different suffixes")
                child.optional = child.optional or element.optional
            node = child
        if kind in node.handlers:
            raise ValueError(f"{pattern.text!r} ({kind}) is declared twice")
        node.handlers[kind] = handler
        self.entries.append((pattern, kind, handler))

    def common_handler(self, name: str, query: bool) -> Any:
        """The handler of a common command (`name` without the '*'), or ScpiError -113."""
        slot = self.common.get(name)
        handler = slot.get("query" if query else "set") if slot else None
        if handler is None:
            raise ScpiError(UNDEFINED_HEADER, "*" + name + ("?" if query else ""))
        return handler

    def resolve(self, start: Node, mnemonics: tuple[tuple[str, int | None], ...], query: bool) -> Resolution:
        """Resolve typed mnemonics from `start`; raise ScpiError -113 or -114."""
        key = (id(start), mnemonics, query)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._resolve(start, mnemonics, query)
            if len(self._cache) >= RESOLVE_CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = cached
        if isinstance(cached, Resolution):
            return cached
        raise ScpiError(cached, _spell(mnemonics, query))

    def _resolve(self, start: Node, mnemonics, query: bool) -> Resolution | int:
        kind = "query" if query else "set"
        node = start
        path = start
        chain: list[tuple[Node, int | None]] = []
        for name, suffix in mnemonics:
            steps = node.find(name)
            if steps is None:
                return UNDEFINED_HEADER
            path = node
            chain.extend((step, None) for step in steps[:-1])
            chain.append((steps[-1], suffix))
            node = steps[-1]
        tail = node.leaf(kind)
        if tail is None:
            return UNDEFINED_HEADER
        chain.extend((step, None) for step in tail)
        leaf = tail[-1] if tail else node
        suffixes: dict[str, int] = {}
        for step, suffix in chain:
            if step.suffix is not None:
                value = step.suffix.low if suffix is None else suffix
                if not step.suffix.low <= value <= step.suffix.high:
                    return HEADER_SUFFIX_OUT_OF_RANGE
                suffixes[step.suffix.name] = value
            elif suffix is not None and suffix != 1:
                return HEADER_SUFFIX_OUT_OF_RANGE
        return Resolution(leaf.handlers[kind], path, suffixes)

    def walk(self) -> list[tuple[Pattern, str, Any]]:
        """Every (pattern, kind, handler) registered, in declaration order."""
        return list(self.entries)


def _spell(mnemonics, query: bool) -> str:
    text = ":".join((name if name != NUMERIC_NODE else "") + ("" if suffix is None else str(suffix))
                    for name, suffix in mnemonics)
    return text + ("?" if query else "")

