# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command registry: normalise a show command and dispatch it to its parser.

``parse(command, text) -> ParseResult`` is the single entry point.  Normalisation:

* a trailing ``| include ...`` (any pipe) is dropped;
* keywords may be abbreviated as on IOS (``sh cry isa sa det``); ``ike`` is accepted for ``isakmp``;
* filter arguments are stripped and returned in ``args``: ``vrf X``, ``index N``, ``peer X``,
  ``remote X``, ``local X``, ``interface X``, ``ivrf X``, ``fvrf X`` and the status words
  ``active``/``standby``; a bare address (``show crypto isakmp peers 1.2.3.4``) becomes ``address``;
  the interface name of ``show interfaces Tunnel1`` (also ``Tunnel 1``) becomes ``interface`` and the
  proposal name of ``show crypto ikev2 proposal NAME`` becomes ``name``.

So ``show crypto isakmp sa peer 1.2.3.4 detail`` resolves to the ``show crypto isakmp sa detail``
parser and ``show crypto session remote 10.0.0.1 detail`` to ``show crypto session detail``.
The flow-MIB parsers receive ``args`` (a ``vrf X`` argument names the VRF of rows printed before
any ``vrf`` header).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from . import (
    crypto_map,
    flowmib,
    ikev2_proposal,
    ikev2_sa,
    ikev2_stats,
    interfaces,
    ipsec_sa,
    isakmp_sa,
    policy,
    session,
    techsupport,
    transform_set,
    version,
)
from .common import ParseResult

Parser = Callable[[str, Mapping[str, str]], ParseResult]

TECH_SUPPORT = "show tech-support ipsec"

PARSERS: dict[str, Parser] = {
    **{
        f"show crypto mib {proto} flowmib {table}": partial(flowmib.parse_flowmib, proto, table)
        for proto, table in flowmib.SPECS
    },
    "show crypto isakmp sa": isakmp_sa.parse_isakmp_sa,
    "show crypto isakmp sa detail": isakmp_sa.parse_isakmp_sa_detail,
    "show crypto isakmp sa count": isakmp_sa.parse_isakmp_sa_count,
    "show crypto isakmp peers": isakmp_sa.parse_isakmp_peers,
    "show crypto isakmp policy": policy.parse_isakmp_policy,
    "show crypto isakmp default policy": policy.parse_isakmp_default_policy,
    "show crypto ipsec sa": ipsec_sa.parse_ipsec_sa,
    "show crypto ipsec sa detail": ipsec_sa.parse_ipsec_sa,
    "show crypto ipsec sa count": ipsec_sa.parse_ipsec_sa_count,
    "show crypto ipsec transform-set": transform_set.parse_transform_sets,
    "show crypto ipsec default transform-set": transform_set.parse_default_transform_sets,
    "show crypto session": session.parse_session,
    "show crypto session detail": session.parse_session,
    "show crypto map": crypto_map.parse_crypto_map,
    "show crypto ikev2 sa": ikev2_sa.parse_ikev2_sa,
    "show crypto ikev2 sa detail": ikev2_sa.parse_ikev2_sa,
    "show crypto ikev2 session": ikev2_sa.parse_ikev2_session,
    "show crypto ikev2 session detail": ikev2_sa.parse_ikev2_session,
    "show crypto ikev2 stats": ikev2_stats.parse_ikev2_stats,
    "show crypto ikev2 proposal": ikev2_proposal.parse_ikev2_proposal,
    "show interfaces": interfaces.parse_interfaces,
    "show version": version.parse_version,
}

KEYWORD_ALIASES = {"ike": "isakmp"}
# Commands that take one name argument, and the key it gets in ``args``.
NAME_ARGUMENTS = {"show interfaces": "interface", "show crypto ikev2 proposal": "name"}
_NAME = re.compile(r"[a-z][\w.-]*(?:\d[\d/.:]*)?")
VALUE_OPTIONS = ("vrf", "index", "peer", "remote", "local", "interface", "ivrf", "fvrf")
FLAG_OPTIONS = ("active", "standby")


class UnknownCommandError(ValueError):
    """No parser exists for the command."""


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    command: str | None = None


@dataclass(frozen=True)
class Resolved:
    command: str
    args: dict[str, str]


def _build_tree(commands: list[str]) -> _Node:
    root = _Node()
    for command in commands:
        node = root
        for word in command.split():
            node = node.children.setdefault(word, _Node())
        node.command = command
    return root


def _pick(token: str, words: list[str]) -> str | None:
    """IOS-style prefix match: an exact word, else the only word starting with ``token``."""
    if token in words:
        return token
    candidates = [word for word in words if word.startswith(token)]
    return candidates[0] if len(candidates) == 1 else None


def _is_address(token: str) -> bool:
    try:
        ipaddress.ip_address(token)
    except ValueError:
        return False
    return True


def _child(node: _Node, token: str) -> _Node | None:
    words = list(node.children) + [alias for alias, word in KEYWORD_ALIASES.items() if word in node.children]
    word = _pick(token, words)
    if word is None:
        return None
    return node.children[KEYWORD_ALIASES.get(word, word)]


def resolve(command: str) -> Resolved | None:
    """The canonical command and filter arguments of ``command``, or None when no parser fits."""
    words = command.split("|", 1)[0].split()
    tokens = [word.lower() for word in words]
    node, args, position = _TREE, {}, 0
    while position < len(tokens):
        token = tokens[position]
        child = _child(node, token)
        option = _pick(token, list(VALUE_OPTIONS + FLAG_OPTIONS))
        if child is not None:
            node = child
        elif option in VALUE_OPTIONS and position + 1 < len(tokens):
            position += 1
            args[option] = words[position]
        elif option in FLAG_OPTIONS:
            args["status"] = option
        elif _is_address(token) and "address" not in args:
            args["address"] = token
        elif (
            node.command in NAME_ARGUMENTS
            and NAME_ARGUMENTS[node.command] not in args
            and _NAME.fullmatch(token)
        ):
            position, args[NAME_ARGUMENTS[node.command]] = _name_argument(words, position)
        else:
            return None
        position += 1
    return Resolved(node.command, args) if node.command else None


def _name_argument(words: list[str], position: int) -> tuple[int, str]:
    """(position of the name's last word, the name): ``Tunnel1``, or ``Tunnel 1`` written in two words."""
    name = words[position]
    following = words[position + 1] if position + 1 < len(words) else ""
    if not any(char.isdigit() for char in name) and following[:1].isdigit():
        return position + 1, name + following
    return position, name


def supported_commands() -> list[str]:
    return sorted([*PARSERS, TECH_SUPPORT])


def parse(command: str, text: str) -> ParseResult:
    """Parse ``text``, the output of ``command``; raises UnknownCommandError when no parser fits."""
    resolved = resolve(command)
    if resolved is None:
        raise UnknownCommandError(f"no parser for {command!r}; supported: {', '.join(supported_commands())}")
    if resolved.command == TECH_SUPPORT:
        return techsupport.parse_tech_support(text, _parse_section)
    return PARSERS[resolved.command](text, resolved.args)


def merge_data(*results: Mapping[str, Any]) -> dict[str, Any]:
    """Deep-merge parse results (e.g. the 11 flow-MIB commands into one ``flowmib`` tree): mappings
    merge key by key, any other value of a later result replaces the earlier one."""
    merged: dict[str, Any] = {}
    for result in results:
        _merge_into(merged, result)
    return merged


def _merge_into(target: dict[str, Any], source: Mapping[str, Any]) -> None:
    for key, value in source.items():
        if isinstance(value, Mapping):
            if not isinstance(target.get(key), dict):
                target[key] = {}
            _merge_into(target[key], value)
        else:
            target[key] = value


def _parse_section(command: str, text: str) -> ParseResult | None:
    resolved = resolve(command)
    if resolved is None or resolved.command == TECH_SUPPORT:
        return None
    return PARSERS[resolved.command](text, resolved.args)


_TREE = _build_tree([*PARSERS, TECH_SUPPORT])
