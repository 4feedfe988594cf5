"""`(config-crypto-map)#` (static and dynamic map entries) and `(ipsec-profile)#`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...state.config.model import CryptoMap, CryptoMapEntry, IpsecProfile, SaLifetime
from ..grammar import CliError
from ..mode import Args, command
from .base import SubMode, unless_present

if TYPE_CHECKING:
    from ..session import CliSession

PFS_GROUPS = "[{group1|group2|group5|group14|group15|group16|group19|group20|group21|group24}=group]"
MAX_TRANSFORM_SETS = 6
MAX_PEERS = 10


class SecurityParamsMixin(SubMode):
    """Commands shared by crypto map entries and IPsec profiles."""

    def target(self) -> CryptoMapEntry | IpsecProfile:
        raise NotImplementedError

    def _lifetime(self) -> SaLifetime:
        return self.target().lifetime

    @command("set transform-set <names:word>...")
    def set_transform_set(self, args: Args) -> None:
        names: list[str] = args["names"]
        if len(names) > MAX_TRANSFORM_SETS:
            raise CliError("% Invalid input detected at '^' marker.", args["_col"]["names"])
        missing = [n for n in names if n not in self.router.running.transform_sets]
        if missing:
            raise CliError(f"ERROR: transform set with tag \"{missing[0]}\" does not exist.\n")
        self.target().transform_sets = list(dict.fromkeys(names))
        self.changed()

    @command("no set transform-set [<names:word>...]")
    def no_set_transform_set(self, args: Args) -> None:
        self.target().transform_sets = []
        self.changed()

    @command("set pfs " + PFS_GROUPS)
    def set_pfs(self, args: Args) -> None:
        self.target().pfs = args.get("group", "group1")
        self.changed()

    @command("no set pfs " + PFS_GROUPS)
    def no_set_pfs(self, args: Args) -> None:
        self.target().pfs = None
        self.changed()

    @command("set security-association lifetime seconds <seconds:120-2592000>")
    def set_lifetime_seconds(self, args: Args) -> None:
        self._lifetime().seconds = args["seconds"]
        self.changed()

    @command("set security-association lifetime kilobytes <volume:2560-4294967295>")
    @command("set security-association lifetime kilobytes disable")
    def set_lifetime_kilobytes(self, args: Args) -> None:
        self._lifetime().kilobytes = args.get("volume")
        self._lifetime().kilobytes_disabled = "disable" in args
        self.changed()

    @command("no set security-association lifetime seconds [<seconds:120-2592000>]")
    @command("no set security-association lifetime kilobytes [<kilobytes:2560-4294967295>]")
    @command("no set security-association lifetime kilobytes disable")
    def no_set_lifetime(self, args: Args) -> None:
        unit = "seconds" if "seconds" in args else "kilobytes"
        setattr(self._lifetime(), unit, None)
        if unit == "kilobytes":
            self._lifetime().kilobytes_disabled = False
        self.changed()

    @command("set isakmp-profile <name:word>")
    def set_isakmp_profile(self, args: Args) -> None:
        if args["name"] not in self.router.running.ikev1.profiles:
            raise CliError(f"% ISAKMP profile {args['name']} does not exist\n")
        self.target().isakmp_profile = args["name"]
        self.changed()

    @command("no set isakmp-profile [<name:word>]")
    def no_set_isakmp_profile(self, args: Args) -> None:
        self.target().isakmp_profile = None
        self.changed()

    @command("set ikev2-profile <name:word>")
    def set_ikev2_profile(self, args: Args) -> None:
        if args["name"] not in self.router.running.ikev2.profiles:
            raise CliError(f"% IKEv2 profile {args['name']} does not exist\n")
        self.target().ikev2_profile = args["name"]
        self.changed()

    @command("no set ikev2-profile [<name:word>]")
    def no_set_ikev2_profile(self, args: Args) -> None:
        self.target().ikev2_profile = None
        self.changed()


class CryptoMapMode(SecurityParamsMixin):
    tag = "(config-crypto-map)"

    def __init__(self, session: CliSession, cmap: CryptoMap, entry: CryptoMapEntry, dynamic: bool) -> None:
        super().__init__(session)
        self.cmap = cmap
        self.entry = entry
        self.dynamic = dynamic

    def removed(self) -> str | None:
        running = self.router.running
        kind, maps = ("dynamic-map", running.dynamic_maps) if self.dynamic else ("map", running.crypto_maps)
        name = f"crypto {kind} {self.cmap.name} {self.entry.seq}"
        return unless_present(maps, self.cmap.name, self.cmap, name) or unless_present(
            self.cmap.entries, self.entry.seq, self.entry, name
        )

    def target(self) -> CryptoMapEntry:
        return self.entry

    @command("set peer <address:ip> [default]")
    def set_peer(self, args: Args) -> str | None:
        if args["address"] in self.entry.peers:
            return None
        if len(self.entry.peers) >= MAX_PEERS:
            return "% Maximum number of peers reached\n"
        if "default" in args:
            self.entry.peers.insert(0, args["address"])
        else:
            self.entry.peers.append(args["address"])
        self.changed()
        return None

    @command("no set peer <address:ip>")
    def no_set_peer(self, args: Args) -> str | None:
        if args["address"] not in self.entry.peers:
            return f"% {args['address']} is not a peer of this crypto map\n"
        self.entry.peers.remove(args["address"])
        self.changed()
        return None

    @command("reverse-route [{static|remote-peer}=how]")
    def reverse_route(self, args: Args) -> None:
        self.entry.reverse_route = args.get("how", "")
        self.changed()

    @command("no reverse-route [{static|remote-peer}]")
    def no_reverse_route(self, args: Args) -> None:
        self.entry.reverse_route = None
        self.changed()

    @command("match address <acl:word>")
    def match_address(self, args: Args) -> None:
        self.entry.match_address = args["acl"]
        self.changed()

    @command("no match address [<acl:word>]")
    def no_match_address(self, args: Args) -> None:
        self.entry.match_address = None
        self.changed()

    @command("description <text:line>")
    def description(self, args: Args) -> None:
        self.entry.description = args["text"]
        self.changed()

    @command("no description")
    def no_description(self, args: Args) -> None:
        self.entry.description = None
        self.changed()


class ProfileMode(SecurityParamsMixin):
    tag = "(ipsec-profile)"

    def __init__(self, session: CliSession, profile: IpsecProfile) -> None:
        super().__init__(session)
        self.profile = profile

    def removed(self) -> str | None:
        name = self.profile.name
        return unless_present(self.router.running.ipsec_profiles, name, self.profile, f"crypto ipsec profile {name}")

    def target(self) -> IpsecProfile:
        return self.profile
