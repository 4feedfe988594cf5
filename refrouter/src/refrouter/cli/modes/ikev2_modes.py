"""IKEv2 sub-modes: proposal, policy, keyring (and its peers), authorization policy, name-mangler; shared syntax."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.ikev2 import (
    IKEV2_AUTH_METHODS,
    IKEV2_ENCRYPTIONS,
    IKEV2_GROUPS,
    IKEV2_INTEGRITIES,
    Ikev2AuthorizationPolicy,
    Ikev2Identity,
    Ikev2Keyring,
    Ikev2KeyringPeer,
    Ikev2NameMangler,
    Ikev2Policy,
    Ikev2Proposal,
)
from ..grammar import INVALID, CliError
from ..mode import Args, command
from .base import SubMode
from .ikev2 import not_found
from .nested import NestedMode

if TYPE_CHECKING:
    from ..session import CliSession

AUTH_METHODS = "{" + "|".join(IKEV2_AUTH_METHODS) + "}=method"
IDENTITY = "{address <address:ip>|fqdn <fqdn:word>|email <email:word>|key-id <key_id:word>}"
REMOTE_IDENTITY = (
    "{address <address:ip> [<mask:ip>]|fqdn [domain] <fqdn:word>|email [domain] <email:word>"
    "|key-id <key_id:word>|any}"
)


def identity_from(args: Args, host_mask: str | None = None) -> Ikev2Identity:
    """The identity an `identity ...` / `match identity remote ...` line names; `host_mask` is given to an
    address without a mask (IOS stores a profile's host match with 255.255.255.255)."""
    if "address" in args:
        return Ikev2Identity("address", args["address"], args.get("mask") or host_mask)
    for key, kind in (("fqdn", "fqdn"), ("email", "email"), ("key_id", "key-id")):
        if key in args:
            return Ikev2Identity(kind, args[key], domain=bool(args.get("domain")))
    return Ikev2Identity("dn" if args.get("dn") else "any")


def local_text(args: Args) -> str:
    return f"interface {args['interface']}" if "interface" in args else str(args["address"])


def virtual_template_number(args: Args) -> int:
    """`virtual-template 1` arrives either as keyword + number or joined into one interface name."""
    if "number" in args:
        return int(args["number"])
    name = str(args["vt"])
    number = name.removeprefix("Virtual-Template")
    if not name.startswith("Virtual-Template") or not number.isdigit() or not 1 <= int(number) <= 65535:
        raise CliError(INVALID, args["_col"]["vt"])
    return int(number)


VIRTUAL_TEMPLATE = "{virtual-template <number:1-65535>|<vt:iface>}"


def _validated(values: list[str], allowed: tuple[str, ...], args: Args, name: str) -> list[str]:
    """Check each algorithm word; an unknown one gets the caret under it."""
    out: list[str] = []
    for value in values:
        lowered = value.lower()
        candidates = [a for a in allowed if a.startswith(lowered)]
        choice = lowered if lowered in allowed else (candidates[0] if len(candidates) == 1 else None)
        if choice is None:
            raise CliError(INVALID, args["_col"][name] + _offset(args, name, value))
        if choice not in out:
            out.append(choice)
    return out


def _offset(args: Args, name: str, value: str) -> int:
    words: list[str] = args[name]
    index = words.index(value)
    return sum(len(w) + 1 for w in words[:index])


class Ikev2ProposalMode(SubMode):
    tag = "(config-ikev2-proposal)"

    def __init__(self, session: CliSession, proposal: Ikev2Proposal) -> None:
        super().__init__(session)
        self.proposal = proposal

    @command("encryption <algs:word>...")
    def encryption(self, args: Args) -> None:
        for alg in _validated(args["algs"], IKEV2_ENCRYPTIONS, args, "algs"):
            if alg not in self.proposal.encryption:
                self.proposal.encryption.append(alg)
        self.changed()

    @command("integrity <algs:word>...")
    def integrity(self, args: Args) -> None:
        for alg in _validated(args["algs"], IKEV2_INTEGRITIES, args, "algs"):
            if alg not in self.proposal.integrity:
                self.proposal.integrity.append(alg)
        self.changed()

    @command("prf <algs:word>...")
    def prf(self, args: Args) -> None:
        for alg in _validated(args["algs"], IKEV2_INTEGRITIES, args, "algs"):
            if alg not in self.proposal.prf:
                self.proposal.prf.append(alg)
        self.changed()

    @command("group <groups:word>...")
    def group(self, args: Args) -> None:
        allowed = tuple(str(g) for g in IKEV2_GROUPS)
        for word in args["groups"]:
            if word not in allowed:
                raise CliError(INVALID, args["_col"]["groups"] + _offset(args, "groups", word))
        for word in args["groups"]:
            if int(word) not in self.proposal.groups:
                self.proposal.groups.append(int(word))
        self.changed()

    @command("no {encryption|integrity|prf|group}=what [<algs:word>...]")
    def no_algorithms(self, args: Args) -> None:
        field = {"encryption": "encryption", "integrity": "integrity", "prf": "prf", "group": "groups"}[args["what"]]
        current: list[str | int] = getattr(self.proposal, field)
        words = args.get("algs")
        if not words:
            current.clear()
        else:
            drop = {int(w) if field == "groups" and w.isdigit() else w.lower() for w in words}
            current[:] = [v for v in current if v not in drop]
        self.changed()


class Ikev2PolicyMode(SubMode):
    tag = "(config-ikev2-policy)"

    def __init__(self, session: CliSession, policy: Ikev2Policy) -> None:
        super().__init__(session)
        self.policy = policy

    @command("proposal <name:word>")
    def proposal(self, args: Args) -> str | None:
        if self.router.running.ikev2.effective_proposal(args["name"]) is None:
            return not_found("proposal", args["name"])
        if args["name"] not in self.policy.proposals:
            self.policy.proposals.append(args["name"])
            self.changed()
        return None

    @command("no proposal <name:word>")
    def no_proposal(self, args: Args) -> None:
        if args["name"] in self.policy.proposals:
            self.policy.proposals.remove(args["name"])
            self.changed()

    @command("match fvrf {any|<vrf:word>}")
    def match_fvrf(self, args: Args) -> str | None:
        vrf = "any" if args.get("any") else args["vrf"]
        if vrf != "any" and vrf not in self.router.running.vrfs:
            return f"% VRF {vrf} not configured\n"
        self.policy.match_fvrf = vrf
        self.changed()
        return None

    @command("no match fvrf [{any|<vrf:word>}]")
    def no_match_fvrf(self, args: Args) -> None:
        self.policy.match_fvrf = None
        self.changed()

    @command("match address local {<address:ip>|interface <interface:iface>}")
    def match_local(self, args: Args) -> None:
        local = local_text(args)
        if local not in self.policy.match_local:
            self.policy.match_local.append(local)
            self.changed()

    @command("no match address local [<address:ip>]")
    def no_match_local(self, args: Args) -> None:
        address = args.get("address")
        self.policy.match_local[:] = [a for a in self.policy.match_local if address not in (None, a)]
        self.changed()


class Ikev2KeyringMode(SubMode):
    tag = "(config-ikev2-keyring)"

    def __init__(self, session: CliSession, keyring: Ikev2Keyring) -> None:
        super().__init__(session)
        self.keyring = keyring

    @command("peer <name:word>")
    def peer(self, args: Args) -> None:
        peer = self.keyring.peers.setdefault(args["name"], Ikev2KeyringPeer(args["name"]))
        self.changed()
        self.session.push(Ikev2KeyringPeerMode(self.session, peer))

    @command("no peer <name:word>")
    def no_peer(self, args: Args) -> str | None:
        if self.keyring.peers.pop(args["name"], None) is None:
            return f"% Peer {args['name']} does not exist in keyring {self.keyring.name}\n"
        self.changed()
        return None


class Ikev2KeyringPeerMode(NestedMode):
    tag = "(config-ikev2-keyring-peer)"

    def __init__(self, session: CliSession, peer: Ikev2KeyringPeer) -> None:
        super().__init__(session)
        self.peer = peer

    @command("description <text:line>")
    def description(self, args: Args) -> None:
        self.peer.description = args["text"]
        self.changed()

    @command("address <address:ip> [<mask:ip>]")
    def address(self, args: Args) -> None:
        self.peer.address, self.peer.mask = args["address"], args.get("mask")
        self.changed()

    @command("hostname <name:word>")
    def hostname(self, args: Args) -> None:
        self.peer.hostname = args["name"]
        self.changed()

    @command("identity " + IDENTITY)
    def identity(self, args: Args) -> None:
        self.peer.identity = identity_from(args)
        self.changed()

    @command("pre-shared-key [{local|remote}=side] [{0|6}=enc] <key:word>")
    def pre_shared_key(self, args: Args) -> None:
        side = args.get("side")
        if side == "local":
            self.peer.psk_local = args["key"]
        elif side == "remote":
            self.peer.psk_remote = args["key"]
        else:
            self.peer.psk = args["key"]
        self.changed()

    @command("no {description|address|hostname|identity}=what [<rest:line>]")
    def no_attribute(self, args: Args) -> None:
        if args["what"] == "address":
            self.peer.address = self.peer.mask = None
        else:
            setattr(self.peer, args["what"], None)
        self.changed()

    @command("no pre-shared-key [{local|remote}=side] [<rest:line>]")
    def no_pre_shared_key(self, args: Args) -> None:
        attr = {"local": "psk_local", "remote": "psk_remote"}.get(args.get("side", ""), "psk")
        setattr(self.peer, attr, None)
        self.changed()


class Ikev2AuthorizationMode(SubMode):
    """Attributes pushed by config-exchange; kept as IOS prints them, one line per attribute."""

    tag = "(config-ikev2-author-policy)"

    def __init__(self, session: CliSession, policy: Ikev2AuthorizationPolicy) -> None:
        super().__init__(session)
        self.policy = policy

    def _set(self, key: str, line: str) -> None:
        self.policy.lines[:] = [x for x in self.policy.lines if not (x == key or x.startswith(key + " "))]
        self.policy.lines.append(line)
        self.changed()

    @command("{pool|def-domain|subnet-acl|split-dns}=attr <value:word>")
    @command("aaa attribute list <value:word>")
    @command("ipv6 pool <value:word>")
    def word_attribute(self, args: Args) -> None:
        key = args.get("attr") or ("aaa attribute list" if "aaa" in args else "ipv6 pool")
        self._set(key, f"{key} {args['value']}")

    @command("{dns|wins}=attr <primary:ip> [<secondary:ip>]")
    def server_attribute(self, args: Args) -> None:
        servers = " ".join(x for x in (args["primary"], args.get("secondary")) if x)
        self._set(args["attr"], f"{args['attr']} {servers}")

    @command("netmask <mask:ip>")
    def netmask(self, args: Args) -> None:
        self._set("netmask", f"netmask {args['mask']}")

    @command("banner <text:line>")
    def banner(self, args: Args) -> None:
        self._set("banner", f"banner {args['text']}")

    @command("route set interface [<iface:iface>]")
    def route_set_interface(self, args: Args) -> None:
        iface = f" {args['iface']}" if args.get("iface") else ""
        self._set("route set interface", f"route set interface{iface}")

    @command("route set access-list <acl:word>")
    def route_set_acl(self, args: Args) -> None:
        self._set("route set access-list", f"route set access-list {args['acl']}")

    @command("route set remote ipv4 <prefix:ip> <mask:ip>")
    def route_set_remote(self, args: Args) -> None:
        line = f"route set remote ipv4 {args['prefix']} {args['mask']}"
        if line not in self.policy.lines:
            self.policy.lines.append(line)
        self.changed()

    @command("route accept any [tag <tag:1-4294967295>] [distance <distance:1-255>]")
    def route_accept(self, args: Args) -> None:
        tag = f" tag {args['tag']}" if args.get("tag") else ""
        distance = f" distance {args['distance']}" if args.get("distance") else ""
        self._set("route accept", f"route accept any{tag}{distance}")

    @command("no {pool|def-domain|subnet-acl|split-dns|dns|wins|netmask|banner}=attr [<rest:line>]")
    @command("no {aaa|ipv6|route}=attr <rest:line>")
    def no_attribute(self, args: Args) -> None:
        words = [args["attr"], *args.get("rest", "").split()]
        key = " ".join(words[:3] if words[0] == "route" and len(words) > 2 and words[1] == "set" else words[:2]
                       if words[0] in ("aaa", "ipv6", "route") else words[:1])
        self.policy.lines[:] = [x for x in self.policy.lines if not (x == key or x.startswith(key + " "))]
        self.changed()


class Ikev2NameManglerMode(SubMode):
    tag = "(config-ikev2-name-mangler)"

    def __init__(self, session: CliSession, mangler: Ikev2NameMangler) -> None:
        super().__init__(session)
        self.mangler = mangler

    @command("fqdn {all|domain|hostname}=part")
    @command("email {all|domain|username}=part")
    def component(self, args: Args) -> None:
        kind = "fqdn" if "fqdn" in args else "email"
        line = f"{kind} {args['part']}"
        self.mangler.lines[:] = [x for x in self.mangler.lines if not x.startswith(kind)]
        self.mangler.lines.append(line)
        self.changed()

    @command("no {fqdn|email}=kind [<rest:line>]")
    def no_component(self, args: Args) -> None:
        self.mangler.lines[:] = [x for x in self.mangler.lines if not x.startswith(args["kind"])]
        self.changed()

