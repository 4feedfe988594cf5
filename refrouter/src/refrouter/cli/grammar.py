"""IOS-style command grammar: syntax strings compiled into a token trie, matched with abbreviation.

Syntax mini-language (one string per command):
  keyword            a literal word, matched by any unambiguous prefix (case-insensitive)
  <name:TYPE>        an argument; TYPE is `1-100` (int range), `ip`, `word`, `line` (rest of line),
                     `hex`, `iface` (interface name, may be split as "GigabitEthernet 1")
  [ ... ]            optional sequence
  { a | b c }        alternatives; `{a|b}=name` stores the matched keyword under `name`
  <name:word>...     repeated argument (last token only), stored as a list
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..state.interfaces import canonical_interface, is_interface_type_prefix

Handler = Callable[..., Any]


class CliError(Exception):
    """A parse or execution error rendered as an IOS `%` message."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


INVALID = "% Invalid input detected at '^' marker."
INCOMPLETE = "% Incomplete command."


def ambiguous(text: str) -> CliError:
    return CliError(f'% Ambiguous command:  "{text}"')


@dataclass(frozen=True)
class Keyword:
    word: str
    store_as: str | None = None  # name of an alternatives group


@dataclass(frozen=True)
class Arg:
    name: str
    kind: str
    low: int = 0
    high: int = 0
    repeat: bool = False

    def accepts(self, word: str) -> Any:
        """Return the converted value, or None when the word is not of this type."""
        if self.kind == "int":
            if re.fullmatch(r"[0-9]{1,20}", word) and self.low <= int(word) <= self.high:  # ASCII digits only
                return int(word)
            return None
        if self.kind == "ip":
            try:
                return str(ipaddress.IPv4Address(word))
            except ValueError:
                return None
        if self.kind == "hex":
            return word if re.fullmatch(r"(0x)?[0-9a-fA-F]+", word) else None
        if self.kind == "iface":
            return canonical_interface(word)
        return word  # word / line

    @property
    def help_label(self) -> str:
        if self.kind == "int":
            return f"<{self.low}-{self.high}>"
        return {"ip": "A.B.C.D", "hex": "<0x0-0xFFFFFFFF>", "line": "LINE", "iface": "<interface>"}.get(
            self.kind, "WORD"
        )


Token = Keyword | Arg


@dataclass
class Node:
    keywords: dict[str, Node] = field(default_factory=dict)
    keyword_tokens: dict[str, Keyword] = field(default_factory=dict)
    args: list[tuple[Arg, Node]] = field(default_factory=list)
    command: Command | None = None


@dataclass
class Command:
    syntax: str
    handler: Handler
    help: str = ""
    privilege: int = 1
    hidden: bool = False


@dataclass
class Match:
    command: Command
    args: dict[str, Any]
    words: list[str]


# ---------------------------------------------------------------- syntax compilation

_LEX = re.compile(r"\s*(\[|\]|\{|\}|\||=\w+|<[^>]+>(?:\.\.\.)?|[^\s\[\]{}|<>=]+)")


def _lex(syntax: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    syntax = syntax.strip()
    while pos < len(syntax):
        m = _LEX.match(syntax, pos)
        if not m:
            raise ValueError(f"bad syntax near {syntax[pos:]!r}")
        tokens.append(m.group(1))
        pos = m.end()
    return tokens


def _parse_arg(tok: str) -> Arg:
    repeat = tok.endswith("...")
    body = tok[1 : tok.index(">")]
    name, _, kind = body.partition(":")
    m = re.fullmatch(r"(\d+)-(\d+)", kind)
    if m:
        return Arg(name, "int", int(m.group(1)), int(m.group(2)), repeat)
    if kind not in ("ip", "word", "line", "hex", "iface"):
        raise ValueError(f"unknown argument type {kind!r}")
    return Arg(name, kind, repeat=repeat)


def _expand(tokens: list[str], pos: int = 0, closer: str | None = None) -> tuple[list[list[Token]], int]:
    """Expand a token list into every linear sequence it allows."""
    seqs: list[list[Token]] = [[]]
    alternatives: list[list[Token]] = []
    while pos < len(tokens):
        tok = tokens[pos]
        if tok == closer:
            break
        if tok == "|" and closer == "}":
            alternatives.extend(seqs)
            seqs = [[]]
            pos += 1
            continue
        if tok in ("[", "{"):
            inner, pos = _expand(tokens, pos + 1, "]" if tok == "[" else "}")
            pos += 1  # skip closer
            if pos < len(tokens) and tokens[pos].startswith("="):
                inner = [[_store(t, tokens[pos][1:]) for t in alt] for alt in inner]
                pos += 1
            if tok == "[":
                inner = [[], *inner]
            seqs = [s + alt for s in seqs for alt in inner]
            continue
        item: Token = _parse_arg(tok) if tok.startswith("<") else Keyword(tok.lower())
        seqs = [[*s, item] for s in seqs]
        pos += 1
    if closer == "}":
        alternatives.extend(seqs)
        return alternatives, pos
    return seqs, pos


def _store(token: Token, name: str) -> Token:
    return Keyword(token.word, name) if isinstance(token, Keyword) else token


class CommandTable:
    """All commands of one CLI mode, compiled into a trie."""

    def __init__(self) -> None:
        self.root = Node()
        self.help_texts: dict[str, str] = {}
        # a node's keywords that lead to a command of the privilege, by (node, privilege): each line of a
        # startup config would otherwise walk every keyword's whole subtree (2,000 routers boot at once)
        self._visible: dict[tuple[int, int], dict[str, Node]] = {}

    def add(self, command: Command) -> None:
        self._visible.clear()
        sequences, _ = _expand(_lex(command.syntax))
        for seq in sequences:
            node = self.root
            for token in seq:
                node = self._child(node, token)
            node.command = command

    def _child(self, node: Node, token: Token) -> Node:
        if isinstance(token, Keyword):
            if token.word not in node.keywords:
                node.keywords[token.word] = Node()
                node.keyword_tokens[token.word] = token
            return node.keywords[token.word]
        for arg, child in node.args:
            if arg == token:
                return child
        child = Node()
        node.args.append((token, child))
        return child

    # ------------------------------------------------------------ matching

    def match(self, line: str, privilege: int = 15) -> Match:
        words = _join_interface_words(list(_words(line)))
        node = self.root
        columns: dict[str, int] = {}
        args: dict[str, Any] = {"_col": columns}
        for index, (word, column) in enumerate(words):
            step = self._step(node, word, column, privilege, line)
            if step is None:
                raise CliError(INVALID, column)
            token, value, node = step
            columns[token.name if isinstance(token, Arg) else token.store_as or token.word] = column
            if isinstance(token, Arg) and token.kind == "line":
                args[token.name] = line[column:].rstrip()
                break
            if isinstance(token, Arg) and token.repeat:
                values = [value]
                for extra, extra_col in words[index + 1 :]:
                    converted = token.accepts(extra)
                    if converted is None:
                        raise CliError(INVALID, extra_col)
                    values.append(converted)
                args[token.name] = values
                break
            if isinstance(token, Keyword):
                args[token.store_as or token.word] = token.word if token.store_as else True
            else:
                args[token.name] = value
        if node.command is None or node.command.privilege > privilege:
            if not words:
                raise CliError("")
            raise CliError(INCOMPLETE)
        return Match(node.command, args, [w for w, _ in words])

    def _step(
        self, node: Node, word: str, column: int, privilege: int, line: str
    ) -> tuple[Token, Any, Node] | None:
        lowered = word.lower()
        visible = self._visible_keywords(node, privilege)
        if lowered in visible:
            return node.keyword_tokens[lowered], lowered, visible[lowered]
        prefixed = [k for k in visible if k.startswith(lowered)]
        if len(prefixed) == 1:
            return node.keyword_tokens[prefixed[0]], prefixed[0], visible[prefixed[0]]
        typed = [(a, c) for a, c in node.args if a.kind not in ("word", "line")]
        for arg, child in typed:
            value = arg.accepts(word)
            if value is not None:
                return arg, value, child
        if len(prefixed) > 1:
            raise ambiguous(line[: column + len(word)].strip())
        for arg, child in node.args:
            if arg.kind in ("word", "line"):
                return arg, word, child
        return None

    def _visible_keywords(self, node: Node, privilege: int) -> dict[str, Node]:
        key = (id(node), privilege)
        visible = self._visible.get(key)
        if visible is None:
            visible = self._visible[key] = {k: n for k, n in node.keywords.items() if _reachable(n, privilege)}
        return visible

    # ------------------------------------------------------------ help

    def help(self, line: str, privilege: int = 15) -> list[tuple[str, str]]:
        """`?` help: completions for a partial word, or the next tokens after a space."""
        partial = not line.endswith(" ") and line.strip() != ""
        words = _join_interface_words(list(_words(line)))
        prefix = words.pop()[0].lower() if partial else ""
        node = self.root
        for word, column in words:
            step = self._step(node, word, column, privilege, line)
            if step is None:
                raise CliError(INVALID, column)
            token, _, node = step
            if isinstance(token, Arg) and (token.kind == "line" or token.repeat):
                return [("LINE" if token.kind == "line" else token.help_label, "")]
        entries = [
            (k, self.help_texts.get(k, ""))
            for k, n in sorted(node.keywords.items())
            if k.startswith(prefix) and _reachable(n, privilege) and not _hidden(n)
        ]
        if partial:
            return entries
        entries += [(arg.help_label, "") for arg, _ in node.args]
        if node.command is not None:
            entries.append(("<cr>", ""))
        return entries


def _reachable(node: Node, privilege: int) -> bool:
    return any(cmd.privilege <= privilege for cmd in _commands(node))


def _hidden(node: Node) -> bool:
    return all(cmd.hidden for cmd in _commands(node))


def _commands(node: Node) -> Iterator[Command]:
    if node.command is not None:
        yield node.command
    for child in node.keywords.values():
        yield from _commands(child)
    for _, child in node.args:
        yield from _commands(child)


def _words(line: str) -> Iterator[tuple[str, int]]:
    for m in re.finditer(r"\S+", line):
        yield m.group(0), m.start()


def _join_interface_words(words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Join "GigabitEthernet 1" into one word, as IOS accepts both spellings."""
    joined: list[tuple[str, int]] = []
    for word, column in words:
        if joined and word[:1].isdigit() and is_interface_type_prefix(joined[-1][0]):
            prev, prev_col = joined.pop()
            joined.append((prev + word, prev_col))
        else:
            joined.append((word, column))
    return joined
