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

    @command("set security-association lifetime kilobytes <kilobytes:2560-4294967295>")
    def set_lifetime_kilobytes(self, args: Args) -> None:
        self._lifetime().kilobytes = args["kilobytes"]
        self.changed()

    @command("no set security-association lifetime {seconds|kilobytes}=unit")
    def no_set_lifetime(self, args: Args) -> None:
        setattr(self._lifetime(), args["unit"], None)
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
