"""Global `crypto ipsec ...` settings: security-association defaults, DF bit, fragmentation, NAT-T."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SA_LIFETIME_SECONDS = 3600
DEFAULT_SA_LIFETIME_KILOBYTES = 4608000
DEFAULT_REPLAY_WINDOW = 64
DEFAULT_DF_BIT = "copy"
DEFAULT_FRAGMENTATION = "before-encryption"


@dataclass
class IpsecGlobals:
    """Each field holds the IOS default until configured; render prints only what differs (as IOS)."""

    lifetime_seconds: int = DEFAULT_SA_LIFETIME_SECONDS
    lifetime_kilobytes: int = DEFAULT_SA_LIFETIME_KILOBYTES
    lifetime_kilobytes_disabled: bool = False
    replay_window: int = DEFAULT_REPLAY_WINDOW
    replay_disabled: bool = False
    idle_time: int | None = None
    idle_time_default: bool = False
    ecn: str | None = None  # discard | propogate (IOS's spelling)
    multi_sn: bool = False
    df_bit: str = DEFAULT_DF_BIT  # clear | set | copy
    fragmentation: str = DEFAULT_FRAGMENTATION  # before-encryption | after-encryption
    nat_udp_encapsulation: bool = True
    nat_spi_matching: bool = False

    def effective_lifetime(self, seconds: int | None, kilobytes: int | None) -> tuple[int, int]:
        """(seconds, kilobytes) of an SA whose crypto map entry or profile sets `seconds`/`kilobytes` (or not)."""
        return seconds or self.lifetime_seconds, kilobytes or self.lifetime_kilobytes
