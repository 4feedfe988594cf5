"""Global `crypto ikev2 ...` commands; the sub-modes live in ikev2_modes.py."""

from __future__ import annotations

from ...state.config.ikev2 import (
    DEFAULT_NAME,
    Ikev2AuthorizationPolicy,
    Ikev2Keyring,
    Ikev2NameMangler,
    Ikev2Policy,
    Ikev2Profile,
    Ikev2Proposal,
)
from ..mode import Args, Mode, command

DPD = "dpd <interval:10-3600> <retry:2-60> {on-demand|periodic}=how"


def not_found(kind: str, name: str) -> str:
    return f"% IKEv2 {kind} {name} does not exist\n"


class Ikev2Mixin(Mode):
    """Mixed into ConfigMode."""

    @command("crypto ikev2 proposal <name:word>")
    def ikev2_proposal(self, args: Args) -> None:
        from .ikev2_modes import Ikev2ProposalMode

        ikev2 = self.router.running.ikev2
        proposal = ikev2.proposals.setdefault(args["name"], Ikev2Proposal(args["name"]))
        if args["name"] == DEFAULT_NAME:
            ikev2.default_proposal = True
        self.changed()
        self.session.push(Ikev2ProposalMode(self.session, proposal))

    @command("no crypto ikev2 proposal <name:word>")
    def no_ikev2_proposal(self, args: Args) -> str | None:
        ikev2 = self.router.running.ikev2
        name = args["name"]
        in_use = next((p.name for p in ikev2.policies.values() if name in p.proposals), None)
        if in_use:
            return f"% IKEv2 proposal {name} is in use by policy {in_use}\n"
        if name == DEFAULT_NAME and name not in ikev2.proposals:
            ikev2.default_proposal = False
        elif ikev2.proposals.pop(name, None) is None:
            return not_found("proposal", name)
        self.changed()
        return None

    @command("crypto ikev2 policy <name:word>")
    def ikev2_policy(self, args: Args) -> None:
        from .ikev2_modes import Ikev2PolicyMode

        ikev2 = self.router.running.ikev2
        policy = ikev2.policies.setdefault(args["name"], Ikev2Policy(args["name"]))
        if args["name"] == DEFAULT_NAME:
            ikev2.default_policy = True
        self.changed()
        self.session.push(Ikev2PolicyMode(self.session, policy))

    @command("no crypto ikev2 policy <name:word>")
    def no_ikev2_policy(self, args: Args) -> str | None:
        ikev2 = self.router.running.ikev2
        name = args["name"]
        if name == DEFAULT_NAME and name not in ikev2.policies:
            ikev2.default_policy = False
        elif ikev2.policies.pop(name, None) is None:
            return not_found("policy", name)
        self.changed()
        return None

    @command("crypto ikev2 keyring <name:word>")
    def ikev2_keyring(self, args: Args) -> None:
        from .ikev2_modes import Ikev2KeyringMode

        keyring = self.router.running.ikev2.keyrings.setdefault(args["name"], Ikev2Keyring(args["name"]))
        self.changed()
        self.session.push(Ikev2KeyringMode(self.session, keyring))

    @command("no crypto ikev2 keyring <name:word>")
    def no_ikev2_keyring(self, args: Args) -> str | None:
        ikev2 = self.router.running.ikev2
        in_use = next((p.name for p in ikev2.profiles.values() if p.keyring_local == args["name"]), None)
        if in_use:
            return f"% Keyring {args['name']} is in use by profile {in_use}\n"
        if ikev2.keyrings.pop(args["name"], None) is None:
            return not_found("keyring", args["name"])
        self.changed()
        return None

    @command("crypto ikev2 profile <name:word>")
    def ikev2_profile(self, args: Args) -> None:
        from .ikev2_profile_mode import Ikev2ProfileMode

        profile = self.router.running.ikev2.profiles.setdefault(args["name"], Ikev2Profile(args["name"]))
        self.changed()
        self.session.push(Ikev2ProfileMode(self.session, profile))

    @command("no crypto ikev2 profile <name:word>")
    def no_ikev2_profile(self, args: Args) -> str | None:
        if self.router.running.ikev2.profiles.pop(args["name"], None) is None:
            return not_found("profile", args["name"])
        self.changed()
        return None

    @command("crypto ikev2 authorization policy <name:word>")
    def ikev2_authorization_policy(self, args: Args) -> None:
        from .ikev2_modes import Ikev2AuthorizationMode

        policies = self.router.running.ikev2.authorization_policies
        policy = policies.setdefault(args["name"], Ikev2AuthorizationPolicy(args["name"]))
        self.changed()
        self.session.push(Ikev2AuthorizationMode(self.session, policy))

    @command("no crypto ikev2 authorization policy <name:word>")
    def no_ikev2_authorization_policy(self, args: Args) -> str | None:
        if self.router.running.ikev2.authorization_policies.pop(args["name"], None) is None:
            return not_found("authorization policy", args["name"])
        self.changed()
        return None

    @command("crypto ikev2 name-mangler <name:word>")
    def ikev2_name_mangler(self, args: Args) -> None:
        from .ikev2_modes import Ikev2NameManglerMode

        manglers = self.router.running.ikev2.name_manglers
        mangler = manglers.setdefault(args["name"], Ikev2NameMangler(args["name"]))
        self.changed()
        self.session.push(Ikev2NameManglerMode(self.session, mangler))

    @command("no crypto ikev2 name-mangler <name:word>")
    def no_ikev2_name_mangler(self, args: Args) -> str | None:
        if self.router.running.ikev2.name_manglers.pop(args["name"], None) is None:
            return not_found("name-mangler", args["name"])
        self.changed()
        return None

    @command("no crypto ipsec transform-set default")
    def no_default_transform_set(self, args: Args) -> None:
        """Removes a configured set named `default`, else turns the smart default set off."""
        running = self.router.running
        if running.transform_sets.pop(DEFAULT_NAME, None) is None:
            running.ikev2.default_transform_set = False
        self.changed()

    @command("no crypto ipsec profile default")
    def no_default_ipsec_profile(self, args: Args) -> None:
        running = self.router.running
        if running.ipsec_profiles.pop(DEFAULT_NAME, None) is None:
            running.ikev2.default_ipsec_profile = False
        self.changed()

    @command("default crypto ikev2 {proposal|policy}=what")
    @command("default crypto ipsec {transform-set|profile}=what")
    def default_smart_default(self, args: Args) -> None:
        """Turns a smart default back on (`no crypto ... default` turned it off)."""
        field = {
            "proposal": "default_proposal",
            "policy": "default_policy",
            "transform-set": "default_transform_set",
            "profile": "default_ipsec_profile",
        }[args["what"]]
        setattr(self.router.running.ikev2, field, True)
        self.changed()

    @command("crypto ikev2 " + DPD)
    def ikev2_dpd(self, args: Args) -> None:
        self.router.running.ikev2.dpd = (args["interval"], args["retry"], args["how"])
        self.changed()

    @command("no crypto ikev2 dpd [<interval:10-3600>] [<retry:2-60>] [{on-demand|periodic}]")
    def no_ikev2_dpd(self, args: Args) -> None:
        self.router.running.ikev2.dpd = None
        self.changed()

    @command("crypto ikev2 nat keepalive <seconds:5-3600>")
    def ikev2_nat_keepalive(self, args: Args) -> None:
        self.router.running.ikev2.nat_keepalive = args["seconds"]
        self.changed()

    @command("no crypto ikev2 nat keepalive [<seconds:5-3600>]")
    def no_ikev2_nat_keepalive(self, args: Args) -> None:
        self.router.running.ikev2.nat_keepalive = None
        self.changed()

    @command("crypto ikev2 cookie-challenge <half_open:1-1000>")
    def ikev2_cookie_challenge(self, args: Args) -> None:
        self.router.running.ikev2.cookie_challenge = args["half_open"]
        self.changed()

    @command("no crypto ikev2 cookie-challenge [<half_open:1-1000>]")
    def no_ikev2_cookie_challenge(self, args: Args) -> None:
        self.router.running.ikev2.cookie_challenge = None
        self.changed()
