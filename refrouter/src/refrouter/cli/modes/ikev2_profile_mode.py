"""`(config-ikev2-profile)#`: one IKEv2 profile (match criteria, identities, authentication, keyring, DPD ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.ikev2 import IKEV2_DEFAULT_LIFETIME, Ikev2Profile
from ..mode import Args, command
from .base import SubMode
from .ikev2 import DPD, not_found
from .ikev2_modes import (
    AUTH_METHODS,
    IDENTITY,
    REMOTE_IDENTITY,
    VIRTUAL_TEMPLATE,
    identity_from,
    local_text,
    virtual_template_number,
)

if TYPE_CHECKING:
    from ..session import CliSession

HOST_MASK = "255.255.255.255"


class Ikev2ProfileMode(SubMode):
    tag = "(config-ikev2-profile)"

    def __init__(self, session: CliSession, profile: Ikev2Profile) -> None:
        super().__init__(session)
        self.profile = profile

    @command("description <text:line>")
    def description(self, args: Args) -> None:
        self.profile.description = args["text"]
        self.changed()

    @command("match fvrf {any|<vrf:word>}")
    def match_fvrf(self, args: Args) -> str | None:
        vrf = "any" if args.get("any") else args["vrf"]
        if vrf != "any" and vrf not in self.router.running.vrfs:
            return f"% VRF {vrf} not configured\n"
        self.profile.match_fvrf = vrf
        self.changed()
        return None

    @command("match address local {<address:ip>|interface <interface:iface>}")
    def match_local(self, args: Args) -> None:
        local = local_text(args)
        if local not in self.profile.match_local:
            self.profile.match_local.append(local)
        self.changed()

    @command("match identity remote " + REMOTE_IDENTITY)
    def match_identity(self, args: Args) -> None:
        identity = identity_from(args, host_mask=HOST_MASK)
        if identity not in self.profile.match_identities:
            self.profile.match_identities.append(identity)
        self.changed()

    @command("no match identity remote " + REMOTE_IDENTITY)
    def no_match_identity(self, args: Args) -> None:
        identity = identity_from(args, host_mask=HOST_MASK)
        if identity in self.profile.match_identities:
            self.profile.match_identities.remove(identity)
            self.changed()

    @command("no match fvrf [<rest:line>]")
    def no_match_fvrf(self, args: Args) -> None:
        self.profile.match_fvrf = None
        self.changed()

    @command("no match address [<rest:line>]")
    def no_match_local(self, args: Args) -> None:
        self.profile.match_local.clear()
        self.changed()

    @command("no match identity [remote]")
    def no_match_identities(self, args: Args) -> None:
        self.profile.match_identities.clear()
        self.changed()

    @command("identity local " + IDENTITY)
    @command("identity local dn")
    def identity_local(self, args: Args) -> None:
        self.profile.identity_local = identity_from(args)
        self.changed()

    @command("no identity local [<rest:line>]")
    def no_identity_local(self, args: Args) -> None:
        self.profile.identity_local = None
        self.changed()

    @command("authentication {local|remote}=side " + AUTH_METHODS)
    def authentication(self, args: Args) -> None:
        methods = self.profile.auth_local if args["side"] == "local" else self.profile.auth_remote
        if args["side"] == "local":
            methods.clear()  # one local method; several remote ones
        if args["method"] not in methods:
            methods.append(args["method"])
        self.changed()

    @command("no authentication {local|remote}=side [" + AUTH_METHODS + "]")
    def no_authentication(self, args: Args) -> None:
        methods = self.profile.auth_local if args["side"] == "local" else self.profile.auth_remote
        method = args.get("method")
        methods[:] = [m for m in methods if method not in (None, m)]
        self.changed()

    @command("keyring local <name:word>")
    def keyring_local(self, args: Args) -> str | None:
        if args["name"] not in self.router.running.ikev2.keyrings:
            return not_found("keyring", args["name"])
        self.profile.keyring_local = args["name"]
        self.changed()
        return None

    @command("keyring aaa <name:line>")
    def keyring_aaa(self, args: Args) -> None:
        self.profile.keyring_aaa = args["name"]
        self.changed()

    @command("no keyring [{local|aaa}] [<rest:line>]")
    def no_keyring(self, args: Args) -> None:
        self.profile.keyring_local = self.profile.keyring_aaa = None
        self.changed()

    @command("pki trustpoint <name:word> [{sign|verify}=use]")
    def pki_trustpoint(self, args: Args) -> str | None:
        if args["name"] not in self.router.running.pki.trustpoints:
            return f"% Trustpoint {args['name']} does not exist\n"
        text = args["name"] + (f" {args['use']}" if args.get("use") else "")
        if text not in self.profile.pki_trustpoints:
            self.profile.pki_trustpoints.append(text)
        self.changed()
        return None

    @command("no pki trustpoint [<rest:line>]")
    def no_pki_trustpoint(self, args: Args) -> None:
        self.profile.pki_trustpoints.clear()
        self.changed()

    @command("lifetime <seconds:120-86400>")
    def lifetime(self, args: Args) -> None:
        self.profile.lifetime = args["seconds"]
        self.changed()

    @command("no lifetime [<seconds:120-86400>]")
    def no_lifetime(self, args: Args) -> None:
        self.profile.lifetime = IKEV2_DEFAULT_LIFETIME
        self.changed()

    @command(DPD)
    def dpd(self, args: Args) -> None:
        self.profile.dpd = (args["interval"], args["retry"], args["how"])
        self.changed()

    @command("no dpd [<rest:line>]")
    def no_dpd(self, args: Args) -> None:
        self.profile.dpd = None
        self.changed()

    @command("nat keepalive <seconds:5-3600>")
    def nat_keepalive(self, args: Args) -> None:
        self.profile.nat_keepalive = args["seconds"]
        self.changed()

    @command("no nat keepalive [<seconds:5-3600>]")
    def no_nat_keepalive(self, args: Args) -> None:
        self.profile.nat_keepalive = None
        self.changed()

    @command("aaa authorization {group|user}=who {psk|eap|cert}=how <rest:line>")
    def aaa_authorization(self, args: Args) -> None:
        text = f"{args['who']} {args['how']} {args['rest']}"
        prefix = f"{args['who']} {args['how']} "
        self.profile.aaa_authorization[:] = [a for a in self.profile.aaa_authorization if not a.startswith(prefix)]
        self.profile.aaa_authorization.append(text)
        self.changed()

    @command("no aaa authorization [<rest:line>]")
    def no_aaa_authorization(self, args: Args) -> None:
        self.profile.aaa_authorization.clear()
        self.changed()

    @command("config-exchange {request|set}=what [{accept|send}=how]")
    def config_exchange(self, args: Args) -> None:
        text = args["what"] + (f" {args['how']}" if args.get("how") else "")
        if text not in self.profile.config_exchange:
            self.profile.config_exchange.append(text)
        self.changed()

    @command("no config-exchange [<rest:line>]")
    def no_config_exchange(self, args: Args) -> None:
        self.profile.config_exchange.clear()
        self.changed()

    @command(VIRTUAL_TEMPLATE)
    def virtual_template(self, args: Args) -> None:
        self.profile.virtual_template = virtual_template_number(args)
        self.changed()

    @command("no " + VIRTUAL_TEMPLATE)
    @command("no virtual-template")
    def no_virtual_template(self, args: Args) -> None:
        self.profile.virtual_template = None
        self.changed()

    @command("ivrf <vrf:word>")
    def ivrf(self, args: Args) -> str | None:
        if args["vrf"] not in self.router.running.vrfs:
            return f"% VRF {args['vrf']} not configured\n"
        self.profile.ivrf = args["vrf"]
        self.changed()
        return None

    @command("no ivrf [<vrf:word>]")
    def no_ivrf(self, args: Args) -> None:
        self.profile.ivrf = None
        self.changed()
