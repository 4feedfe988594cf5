"""Random valid changes to one writer's objects, as CLI lines and as NETCONF edits, each with its effect on the
model (applied by the caller only once the router accepted the change), and edits that must be refused.

Some valid changes are refused by design, and the model follows: a CLI entry on a sequence number in use
(`% Duplicate sequence number`), `no crypto isakmp key` for a peer without a key, a NETCONF `create` of an
existing entry (`data-exists`), a `delete` of a missing one (`data-missing`), any edit while another
session holds the lock (`in-use`).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from nchelpers import ACL, CRYPTO, config, isakmp

from .owned import KEY_SLOTS, Owned

SEQUENCES = range(10, 70, 10)
OPERATION = 'nc:operation="{}"'


@dataclass(frozen=True)
class EntryTemplate:
    """An extended ACL entry: its `show running-config` text and its Cisco-IOS-XE-acl `ace-rule`."""

    cli: str
    xml: str

    def text(self, address: str) -> str:
        return self.cli.format(address=address)

    def ace_rule(self, address: str) -> str:
        return f"<ace-rule>{self.xml.format(address=address)}</ace-rule>"


TEMPLATES = [
    EntryTemplate("permit ip host {address} any",
                  "<action>permit</action><protocol>ip</protocol><host-address>{address}</host-address><dst-any/>"),
    EntryTemplate("deny tcp any host {address} eq 443",
                  "<action>deny</action><protocol>tcp</protocol><any/><dst-host-address>{address}"
                  "</dst-host-address><dst-eq>443</dst-eq>"),
    EntryTemplate("permit udp host {address} any eq 500",
                  "<action>permit</action><protocol>udp</protocol><host-address>{address}</host-address><dst-any/>"
                  "<dst-eq>500</dst-eq>"),
]


@dataclass
class CliChange:
    line: str
    mode: str  # the prompt's mode once the line is accepted: "config", "config-if", ...
    apply: Callable[[], None]


@dataclass
class NetconfEdit:
    config: str  # the edit-config `<config>` element
    apply: Callable[[], None]


# ------------------------------------------------------------------------------------------- the model


def _set_entry(owned: Owned, sequence: int, text: str) -> None:
    owned.acl = {**(owned.acl or {}), sequence: text}


def _remove_entry(owned: Owned, sequence: int) -> None:
    if owned.acl is not None:
        owned.acl.pop(sequence, None)


def _create_acl(owned: Owned) -> None:
    owned.acl = owned.acl if owned.acl is not None else {}


def _set_description(owned: Owned, description: str) -> None:
    owned.loopback, owned.description = True, description


def _create_loopback(owned: Owned) -> None:
    owned.loopback = True


def _set_key(owned: Owned, address: str, psk: str) -> None:
    owned.keys[address] = psk


def _remove_key(owned: Owned, address: str) -> None:
    owned.keys.pop(address, None)


# ------------------------------------------------------------------------------------------- CLI


def cli_change(owned: Owned, rng: random.Random, revision: int) -> list[CliChange]:
    """One change as the lines typed after `configure terminal` (stop at the first refused line)."""
    sequence, slot = rng.choice(SEQUENCES), rng.randint(1, KEY_SLOTS)
    address = owned.key_address(slot)
    enter_acl = CliChange(f"ip access-list extended {owned.acl_name}", "config-ext-nacl", lambda: _create_acl(owned))
    kind = rng.choice(["entry", "entry", "no-entry", "key", "no-key", "description"])
    if kind == "entry":
        text = rng.choice(TEMPLATES).text(owned.entry_address(sequence))
        return [
            enter_acl,
            CliChange(f"{sequence} {text}", "config-ext-nacl", lambda: _set_entry(owned, sequence, text)),
        ]
    if kind == "no-entry":
        return [enter_acl, CliChange(f"no {sequence}", "config-ext-nacl", lambda: _remove_entry(owned, sequence))]
    if kind == "key":
        psk = owned.new_psk(slot)
        return [CliChange(f"crypto isakmp key {psk} address {address}", "config",
                          lambda: _set_key(owned, address, psk))]
    if kind == "no-key":
        psk = owned.keys.get(address, "never-set")
        return [CliChange(f"no crypto isakmp key {psk} address {address}", "config",
                          lambda: _remove_key(owned, address))]
    description = f"soak {owned.index} cli rev {revision}"
    return [CliChange(f"interface Loopback{owned.loopback_number}", "config-if", lambda: _create_loopback(owned)),
            CliChange(f"description {description}", "config-if", lambda: _set_description(owned, description))]


# ------------------------------------------------------------------------------------------- NETCONF


def _acl(owned: Owned, rule: str) -> str:
    return config(f'<ip><access-list><extended xmlns="{ACL}"><name>{owned.acl_name}</name>{rule}</extended>'
                  "</access-list></ip>", crypto=False)


def _key(psk: str, inner: str = "", operation: str = "") -> str:
    attribute = f" {OPERATION.format(operation)}" if operation else ""
    return config(isakmp(f"<key><key-address-host{attribute}><key>{psk}</key>{inner}</key-address-host></key>"))


def _loopback(owned: Owned, inner: str) -> str:
    return config(f"<interface><Loopback><name>{owned.loopback_number}</name>{inner}</Loopback></interface>",
                  crypto=False)


def netconf_edit(owned: Owned, rng: random.Random, revision: int) -> NetconfEdit:
    sequence, slot = rng.choice(SEQUENCES), rng.randint(1, KEY_SLOTS)
    address = owned.key_address(slot)
    kind = rng.choice(["entry", "entry", "delete-entry", "key", "delete-key", "description"])
    if kind == "entry":
        template = rng.choice(TEMPLATES)
        text, operation = template.text(owned.entry_address(sequence)), rng.choice(["create", "replace"])
        rule = (
            f"<access-list-seq-rule {OPERATION.format(operation)}><sequence>{sequence}</sequence>"
            f"{template.ace_rule(owned.entry_address(sequence))}</access-list-seq-rule>"
        )
        return NetconfEdit(_acl(owned, rule), lambda: _set_entry(owned, sequence, text))
    if kind == "delete-entry":
        rule = (
            f"<access-list-seq-rule {OPERATION.format('delete')}>"
            f"<sequence>{sequence}</sequence></access-list-seq-rule>"
        )
        return NetconfEdit(_acl(owned, rule), lambda: _remove_entry(owned, sequence))
    if kind == "key":
        psk = owned.new_psk(slot)
        inner = f"<address><address-v4><address>{address}</address></address-v4></address>"
        return NetconfEdit(_key(psk, inner), lambda: _set_key(owned, address, psk))
    if kind == "delete-key":
        psk = owned.keys.get(address, f"soak{owned.index}-never-set")
        return NetconfEdit(_key(psk, operation="delete"), lambda: _remove_key(owned, address))
    description = f"soak {owned.index} nc rev {revision} <&>"
    return NetconfEdit(_loopback(owned, f"<description>{escape(description)}</description>"),
                       lambda: _set_description(owned, description))


def refused_edit(owned: Owned, rng: random.Random) -> str:
    """An edit of this writer's objects that violates the YANG: it must get an rpc-error and change nothing."""
    valid_rule = TEMPLATES[0].ace_rule(owned.entry_address(10))
    candidates = [
        _acl(owned, f"<access-list-seq-rule><sequence>abc</sequence>{valid_rule}</access-list-seq-rule>"),
        _acl(owned, f"<access-list-seq-rule><sequence>10</sequence>{TEMPLATES[0].ace_rule('999.1.1.1')}"
                    "</access-list-seq-rule>"),
        _acl(owned, "<access-list-seq-rule><sequence>10</sequence><ace-rule><action>maybe</action>"
                    "<protocol>ip</protocol><any/><dst-any/></ace-rule></access-list-seq-rule>"),
        _acl(owned, f"<access-list-seq-rule><sequence>10</sequence><frobnicate/>{valid_rule}</access-list-seq-rule>"),
        _key(f"soak{owned.index}-bad", "<address><address-v4><address>198.19.0.256</address></address-v4></address>"),
        _loopback(owned, "<description>ok</description><shutdown>maybe</shutdown><frobnicate/>"),
        config(f'<isakmp xmlns="{CRYPTO}"><policy><number>0</number></policy></isakmp>'),
    ]
    return rng.choice(candidates)
