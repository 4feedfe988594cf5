"""IKEv1 families in global configuration: `crypto keyring`, `crypto isakmp profile`, Easy VPN client
groups and the `crypto isakmp` global switches (the sub-modes live in ikev1_modes.py)."""

from __future__ import annotations

from ...state.config.ikev1 import ClientGroup, IsakmpProfile, Keyring
from ...state.config.model import IsakmpKey
from ..mode import Args, Mode, command
from .psk import store_isakmp_key


class Ikev1Mixin(Mode):
    # ------------------------------------------------------------ keyrings and profiles

    @command("crypto keyring <name:word> [vrf <vrf:word>]")
    def keyring(self, args: Args) -> str | None:
        from .ikev1_modes import KeyringMode

        vrf = args.get("vrf")
        if vrf is not None and vrf not in self.router.running.vrfs:
            return f"% VRF {vrf} does not exist\n"
        keyrings = self.router.running.ikev1.keyrings
        keyring = keyrings.setdefault(args["name"], Keyring(args["name"]))
        keyring.vrf = vrf
        self.changed()
        self.session.push(KeyringMode(self.session, keyring))
        return None

    @command("no crypto keyring <name:word> [vrf <vrf:word>]")
    def no_keyring(self, args: Args) -> str | None:
        name = args["name"]
        users = [p.name for p in self.router.running.ikev1.profiles.values() if name in p.keyrings]
        if users:
            return f"% Keyring {name} is in use by ISAKMP profile {users[0]}\n"
        if self.router.running.ikev1.keyrings.pop(name, None) is None:
            return f"% Keyring {name} does not exist\n"
        self.changed()
        return None

    @command("crypto isakmp profile <name:word>")
    def isakmp_profile(self, args: Args) -> None:
        from .ikev1_modes import IsakmpProfileMode

        profiles = self.router.running.ikev1.profiles
        profile = profiles.setdefault(args["name"], IsakmpProfile(args["name"]))
        self.changed()
        self.session.push(IsakmpProfileMode(self.session, profile))

    @command("no crypto isakmp profile <name:word>")
    def no_isakmp_profile(self, args: Args) -> str | None:
        name = args["name"]
        if name not in self.router.running.ikev1.profiles:
            return f"% ISAKMP profile {name} does not exist\n"
        running = self.router.running
        users = [
            *running.ipsec_profiles.values(),
            *(e for m in running.crypto_maps.values() for e in m.entries.values()),
            *(e for m in running.dynamic_maps.values() for e in m.entries.values()),
        ]
        if any(getattr(user, "isakmp_profile", None) == name for user in users):
            return f"% ISAKMP profile {name} is in use\n"
        del running.ikev1.profiles[name]
        self.changed()
        return None

    @command("crypto isakmp client configuration group <name:word>")
    def client_group(self, args: Args) -> None:
        from .ikev1_modes import ClientGroupMode

        groups = self.router.running.ikev1.client_groups
        group = groups.setdefault(args["name"], ClientGroup(args["name"]))
        self.changed()
        self.session.push(ClientGroupMode(self.session, group))

    @command("no crypto isakmp client configuration group <name:word>")
    def no_client_group(self, args: Args) -> None:
        if self.router.running.ikev1.client_groups.pop(args["name"], None) is not None:
            self.changed()

    # ------------------------------------------------------------ global switches

    @command("crypto isakmp nat keepalive <seconds:5-3600>")
    def nat_keepalive(self, args: Args) -> None:
        self.router.running.ikev1.globals.nat_keepalive = args["seconds"]
        self.changed()

    @command("no crypto isakmp nat keepalive [<seconds:5-3600>]")
    def no_nat_keepalive(self, args: Args) -> None:
        self.router.running.ikev1.globals.nat_keepalive = None
        self.changed()

    @command("crypto isakmp identity {address|hostname|dn}=kind")
    def identity(self, args: Args) -> None:
        self.router.running.ikev1.globals.identity = None if args["kind"] == "address" else args["kind"]
        self.changed()

    @command("no crypto isakmp identity [{address|hostname|dn}]")
    def no_identity(self, args: Args) -> None:
        self.router.running.ikev1.globals.identity = None
        self.changed()

    @command("crypto isakmp invalid-spi-recovery")
    @command("no crypto isakmp invalid-spi-recovery")
    def invalid_spi_recovery(self, args: Args) -> None:
        self.router.running.ikev1.globals.invalid_spi_recovery = "no" not in args
        self.changed()

    @command("crypto isakmp aggressive-mode disable")
    @command("no crypto isakmp aggressive-mode disable")
    def aggressive_mode(self, args: Args) -> None:
        self.router.running.ikev1.globals.aggressive_mode_disabled = "no" not in args
        self.changed()

    @command("crypto isakmp key [{0|6}=enc] <key:word> hostname <hostname:word> [no-xauth]")
    def isakmp_key_hostname(self, args: Args) -> str | None:
        key = IsakmpKey("", "", no_xauth=bool(args.get("no-xauth")), hostname=args["hostname"])
        return store_isakmp_key(self, key, args["key"], args.get("enc") == "6")

    @command("no crypto isakmp key <key:word> hostname <hostname:word>")
    def no_isakmp_key_hostname(self, args: Args) -> str | None:
        keys = self.router.running.isakmp_keys
        remaining = [k for k in keys if k.hostname != args["hostname"]]
        if len(remaining) == len(keys):
            return "% No such key configured.\n"
        keys[:] = remaining
        self.changed()
        return None

