"""Global `crypto ipsec ...` settings and the crypto map set's global lines (redundancy, Easy VPN)."""

from __future__ import annotations

from ...state.config.ipsec_globals import (
    DEFAULT_DF_BIT,
    DEFAULT_FRAGMENTATION,
    DEFAULT_REPLAY_WINDOW,
    DEFAULT_SA_LIFETIME_KILOBYTES,
    DEFAULT_SA_LIFETIME_SECONDS,
)
from ...state.config.model import CryptoMap
from ..mode import Args, Mode, command

REPLAY_WINDOWS = "{64|128|256|512|1024}=size"


class IpsecGlobalsMixin(Mode):
    @command("crypto ipsec security-association lifetime seconds <seconds:120-2592000>")
    def sa_lifetime_seconds(self, args: Args) -> None:
        self.router.running.ipsec_globals.lifetime_seconds = args["seconds"]
        self.changed()

    @command("crypto ipsec security-association lifetime kilobytes <volume:2560-4294967295>")
    @command("crypto ipsec security-association lifetime kilobytes disable")
    def sa_lifetime_kilobytes(self, args: Args) -> None:
        sa = self.router.running.ipsec_globals
        sa.lifetime_kilobytes_disabled = "disable" in args
        sa.lifetime_kilobytes = args.get("volume", DEFAULT_SA_LIFETIME_KILOBYTES)
        self.changed()

    @command("no crypto ipsec security-association lifetime {seconds|kilobytes}=unit [<value:line>]")
    def no_sa_lifetime(self, args: Args) -> None:
        sa = self.router.running.ipsec_globals
        if args["unit"] == "seconds":
            sa.lifetime_seconds = DEFAULT_SA_LIFETIME_SECONDS
        else:
            sa.lifetime_kilobytes, sa.lifetime_kilobytes_disabled = DEFAULT_SA_LIFETIME_KILOBYTES, False
        self.changed()

    @command("crypto ipsec security-association replay window-size " + REPLAY_WINDOWS)
    def replay_window(self, args: Args) -> None:
        self.router.running.ipsec_globals.replay_window = int(args["size"])
        self.changed()

    @command("no crypto ipsec security-association replay window-size [" + REPLAY_WINDOWS + "]")
    def no_replay_window(self, args: Args) -> None:
        self.router.running.ipsec_globals.replay_window = DEFAULT_REPLAY_WINDOW
        self.changed()

    @command("crypto ipsec security-association replay disable")
    @command("no crypto ipsec security-association replay disable")
    def replay_disable(self, args: Args) -> None:
        self.router.running.ipsec_globals.replay_disabled = "no" not in args
        self.changed()

    @command("crypto ipsec security-association idle-time <seconds:60-86400> [default]")
    def idle_time(self, args: Args) -> None:
        sa = self.router.running.ipsec_globals
        sa.idle_time, sa.idle_time_default = args["seconds"], "default" in args
        self.changed()

    @command("no crypto ipsec security-association idle-time [<seconds:60-86400>] [default]")
    def no_idle_time(self, args: Args) -> None:
        sa = self.router.running.ipsec_globals
        sa.idle_time, sa.idle_time_default = None, False
        self.changed()

    @command("crypto ipsec security-association ecn {discard|propogate}=how")
    def ecn(self, args: Args) -> None:
        self.router.running.ipsec_globals.ecn = args["how"]
        self.changed()

    @command("no crypto ipsec security-association ecn [{discard|propogate}]")
    def no_ecn(self, args: Args) -> None:
        self.router.running.ipsec_globals.ecn = None
        self.changed()

    @command("crypto ipsec security-association multi-sn")
    @command("no crypto ipsec security-association multi-sn")
    def multi_sn(self, args: Args) -> None:
        self.router.running.ipsec_globals.multi_sn = "no" not in args
        self.changed()

    @command("crypto ipsec df-bit {clear|set|copy}=how")
    def df_bit(self, args: Args) -> None:
        self.router.running.ipsec_globals.df_bit = args["how"]
        self.changed()

    @command("no crypto ipsec df-bit [{clear|set|copy}]")
    def no_df_bit(self, args: Args) -> None:
        self.router.running.ipsec_globals.df_bit = DEFAULT_DF_BIT
        self.changed()

    @command("crypto ipsec fragmentation {before-encryption|after-encryption}=how")
    def fragmentation(self, args: Args) -> None:
        self.router.running.ipsec_globals.fragmentation = args["how"]
        self.changed()

    @command("no crypto ipsec fragmentation [{before-encryption|after-encryption}]")
    def no_fragmentation(self, args: Args) -> None:
        self.router.running.ipsec_globals.fragmentation = DEFAULT_FRAGMENTATION
        self.changed()

    @command("crypto ipsec nat-transparency {udp-encapsulation|spi-matching}=what")
    @command("no crypto ipsec nat-transparency {udp-encapsulation|spi-matching}=what")
    def nat_transparency(self, args: Args) -> None:
        sa = self.router.running.ipsec_globals
        on = "no" not in args
        if args["what"] == "udp-encapsulation":
            sa.nat_udp_encapsulation = on
        else:
            sa.nat_spi_matching = on
        self.changed()

    # ------------------------------------------------------------ crypto map set global lines

    @command("crypto map <name:word> redundancy <rest:line>")
    def map_redundancy(self, args: Args) -> None:
        self._map(args["name"]).redundancy = " ".join(args["rest"].split())
        self.changed()

    @command("no crypto map <name:word> redundancy [<rest:line>]")
    def no_map_redundancy(self, args: Args) -> None:
        cmap = self.router.running.crypto_maps.get(args["name"])
        if cmap is not None:
            cmap.redundancy = None
            self.changed()

    @command("crypto map <name:word> client authentication list <list:word>")
    @command("crypto map <name:word> isakmp authorization list <list:word>")
    @command("crypto map <name:word> client configuration address {initiate|respond}=how")
    @command("crypto map <name:word> client accounting list <list:word>")
    def map_client_line(self, args: Args) -> None:
        words = _map_client_words(args)
        cmap = self._map(args["name"])
        if words not in cmap.client_lines:
            cmap.client_lines.append(words)
            self.changed()

    def _map(self, name: str) -> CryptoMap:
        return self.router.running.crypto_maps.setdefault(name, CryptoMap(name))


def _map_client_words(args: Args) -> str:
    if "how" in args:
        return f"client configuration address {args['how']}"
    if "isakmp" in args:
        return f"isakmp authorization list {args['list']}"
    kind = "accounting" if "accounting" in args else "authentication"
    return f"client {kind} list {args['list']}"
