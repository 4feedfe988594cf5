"""`(conf-keyring)#`, `(conf-isa-prof)#` and `(config-isakmp-group)#`."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from ...state.config.ikev1 import ClientGroup, IsakmpProfile, Keyring, KeyringKey
from ...state.config.stored_secret import clear_secret
from ..mode import Args, command
from .base import SubMode
from .ikev2_modes import VIRTUAL_TEMPLATE, virtual_template_number
from .psk import TYPE6_UNREADABLE

if TYPE_CHECKING:
    from ..session import CliSession

HOST_MASK = "255.255.255.255"


def _mask(mask: str | None) -> str | None:
    return None if mask in (None, HOST_MASK) else mask


def _local_address(args: Args) -> str:
    return str(args.get("address") or args["interface"])


class KeyringMode(SubMode):
    tag = "(conf-keyring)"

    def __init__(self, session: CliSession, keyring: Keyring) -> None:
        super().__init__(session)
        self.keyring = keyring

    @command("pre-shared-key address <peer:ip> [<mask:ip>] key [{0|6}=enc] <key:word>")
    @command("pre-shared-key hostname <host:word> key [{0|6}=enc] <key:word>")
    def pre_shared_key(self, args: Args) -> str | None:
        mask = _mask(args.get("mask"))
        if mask is not None:
            try:
                ipaddress.IPv4Network(f"0.0.0.0/{mask}")
            except ValueError:
                return "% Invalid mask\n"
        secret = clear_secret(self.router.running, args["key"], args.get("enc") == "6")
        if secret is None:
            return TYPE6_UNREADABLE
        kind = "address" if "peer" in args else "hostname"
        new = KeyringKey(kind, args.get("peer") or args["host"], secret, mask)
        keys = self.keyring.keys
        for index, key in enumerate(keys):
            if key.ident == new.ident:
                keys[index] = new
                break
        else:
            keys.append(new)
        self.changed()
        return None

    @command("no pre-shared-key address <peer:ip> [<mask:ip>] [key [{0|6}] <key:word>]")
    @command("no pre-shared-key hostname <host:word> [key [{0|6}] <key:word>]")
    def no_pre_shared_key(self, args: Args) -> str | None:
        kind = "address" if "peer" in args else "hostname"
        ident = (kind, args.get("peer") or args["host"], _mask(args.get("mask")))
        remaining = [k for k in self.keyring.keys if k.ident != ident]
        if len(remaining) == len(self.keyring.keys):
            return "% No such key configured.\n"
        self.keyring.keys[:] = remaining
        self.changed()
        return None

    @command("local-address <address:ip> [<vrf:word>]")
    @command("local-address <interface:iface>")
    def local_address(self, args: Args) -> None:
        self.keyring.local_address = _local_address(args)
        self.changed()

    @command("no local-address [<address:ip>] [<vrf:word>]")
    def no_local_address(self, args: Args) -> None:
        self.keyring.local_address = None
        self.changed()

    @command("description <text:line>")
    def description(self, args: Args) -> None:
        self.keyring.description = args["text"]
        self.changed()

    @command("no description")
    def no_description(self, args: Args) -> None:
        self.keyring.description = None
        self.changed()


class IsakmpProfileMode(SubMode):
    tag = "(conf-isa-prof)"

    def __init__(self, session: CliSession, profile: IsakmpProfile) -> None:
        super().__init__(session)
        self.profile = profile

    @command("keyring <name:word>")
    def keyring(self, args: Args) -> str | None:
        name = args["name"]
        if name not in self.router.running.ikev1.keyrings:
            return f"% Keyring {name} does not exist\n"
        if name not in self.profile.keyrings:
            self.profile.keyrings.append(name)
            self.changed()
        return None

    @command("no keyring <name:word>")
    def no_keyring(self, args: Args) -> None:
        if args["name"] in self.profile.keyrings:
            self.profile.keyrings.remove(args["name"])
            self.changed()

    @command("vrf <vrf:word>")
    def vrf(self, args: Args) -> str | None:
        if args["vrf"] not in self.router.running.vrfs:
            return f"% VRF {args['vrf']} does not exist\n"
        self.profile.vrf = args["vrf"]
        self.changed()
        return None

    @command("no vrf [<vrf:word>]")
    def no_vrf(self, args: Args) -> None:
        self.profile.vrf = None
        self.changed()

    @command("ca trust-point <name:word>")
    def ca_trust_point(self, args: Args) -> None:
        if args["name"] not in self.profile.ca_trust_points:
            self.profile.ca_trust_points.append(args["name"])
            self.changed()

    @command("no ca trust-point <name:word>")
    def no_ca_trust_point(self, args: Args) -> None:
        if args["name"] in self.profile.ca_trust_points:
            self.profile.ca_trust_points.remove(args["name"])
            self.changed()

    @command("self-identity {address|fqdn}=kind")
    @command("self-identity user-fqdn <fqdn:word>")
    @command("self-identity <address:ip>")
    def self_identity(self, args: Args) -> None:
        if "fqdn" in args and "kind" not in args:
            self.profile.self_identity = f"user-fqdn {args['fqdn']}"
        else:
            self.profile.self_identity = args.get("kind") or args["address"]
        self.changed()

    @command("no self-identity [<rest:line>]")
    def no_self_identity(self, args: Args) -> None:
        self.profile.self_identity = None
        self.changed()

    @command("match identity address <address:ip> [<mask:ip>] [<vrf:word>]")
    @command("match identity {host|user-fqdn}=kind [domain] <name:word>")
    @command("match identity group <group:word>")
    def match_identity(self, args: Args) -> str | None:
        words = self._identity_words(args)
        if words is None:
            return f"% VRF {args['vrf']} does not exist\n"
        if words not in self.profile.match_identities:
            self.profile.match_identities.append(words)
            self.changed()
        return None

    @command("no match identity address <address:ip> [<mask:ip>] [<vrf:word>]")
    @command("no match identity {host|user-fqdn}=kind [domain] <name:word>")
    @command("no match identity group <group:word>")
    def no_match_identity(self, args: Args) -> str | None:
        words = self._identity_words(args, check_vrf=False)
        if words not in self.profile.match_identities:
            return "% No such identity configured.\n"
        self.profile.match_identities.remove(words)
        self.changed()
        return None

    def _identity_words(self, args: Args, check_vrf: bool = True) -> str | None:
        if "address" in args:
            vrf = args.get("vrf")
            if check_vrf and vrf is not None and vrf not in self.router.running.vrfs:
                return None
            words = f"address {args['address']} {args.get('mask') or HOST_MASK}"
            return f"{words} {vrf}" if vrf else f"{words} "
        if "group" in args:
            return f"group {args['group']}"
        domain = "domain " if "domain" in args else ""
        return f"{args['kind']} {domain}{args['name']}"

    @command("keepalive <interval:10-3600> retry <retry:2-60>")
    def keepalive(self, args: Args) -> None:
        self.profile.keepalive = (args["interval"], args["retry"])
        self.changed()

    @command("no keepalive [<interval:10-3600>] [retry <retry:2-60>]")
    def no_keepalive(self, args: Args) -> None:
        self.profile.keepalive = None
        self.changed()

    @command("local-address <address:ip>")
    @command("local-address <interface:iface>")
    def local_address(self, args: Args) -> None:
        self.profile.local_address = _local_address(args)
        self.changed()

    @command("no local-address [<rest:line>]")
    def no_local_address(self, args: Args) -> None:
        self.profile.local_address = None
        self.changed()

    @command("initiate mode aggressive")
    @command("no initiate mode aggressive")
    def initiate_mode(self, args: Args) -> None:
        self.profile.initiate_aggressive = "no" not in args
        self.changed()

    @command(VIRTUAL_TEMPLATE)
    def virtual_template(self, args: Args) -> None:
        self.profile.virtual_template = virtual_template_number(args)
        self.changed()

    @command("no virtual-template")
    @command("no " + VIRTUAL_TEMPLATE)
    def no_virtual_template(self, args: Args) -> None:
        self.profile.virtual_template = None
        self.changed()

    @command("client authentication list <list:word>")
    @command("isakmp authorization list <list:word>")
    @command("client configuration address {initiate|respond}=how")
    @command("client configuration group <group:word>")
    def client_line(self, args: Args) -> None:
        line = _client_words(args)
        if line not in self.profile.client_lines:
            self.profile.client_lines.append(line)
            self.changed()

    @command("description <text:line>")
    def description(self, args: Args) -> None:
        self.profile.description = args["text"]
        self.changed()

    @command("no description")
    def no_description(self, args: Args) -> None:
        self.profile.description = None
        self.changed()


def _client_words(args: Args) -> str:
    if "list" in args:
        head = "client authentication" if "client" in args else "isakmp authorization"
        return f"{head} list {args['list']}"
    if "how" in args:
        return f"client configuration address {args['how']}"
    return f"client configuration group {args['group']}"


class ClientGroupMode(SubMode):
    tag = "(config-isakmp-group)"

    def __init__(self, session: CliSession, group: ClientGroup) -> None:
        super().__init__(session)
        self.group = group

    @command("key [{0|6}=enc] <key:word>")
    def key(self, args: Args) -> None:
        self.group.key = args["key"]
        self.changed()

    @command("no key [<key:word>]")
    def no_key(self, args: Args) -> None:
        self.group.key = None
        self.changed()

    @command("{pool|domain|acl|split-dns|netmask|backup-gateway}=setting <value:word>")
    @command("{dns|wins}=setting <value:ip> [<second:ip>]")
    @command("{max-users|max-logins}=setting <value:1-5000>")
    @command("{save-password|include-local-lan|pfs}=setting")
    def setting(self, args: Args) -> None:
        value = " ".join(str(args[k]) for k in ("value", "second") if k in args)
        self.group.settings[args["setting"]] = value
        self.changed()

    @command("no {pool|domain|acl|split-dns|netmask|backup-gateway|dns|wins|max-users|max-logins|save-password|"
             "include-local-lan|pfs}=setting [<rest:line>]")
    def no_setting(self, args: Args) -> None:
        if self.group.settings.pop(args["setting"], None) is not None:
            self.changed()
