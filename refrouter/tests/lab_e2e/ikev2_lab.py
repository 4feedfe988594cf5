"""Two routers negotiating IKEv2 through crypto maps: configuration text per side, and the lab around it."""

from __future__ import annotations

from typing import Any


def two_routers(time_scale: float = 1) -> dict[str, Any]:
    """RouterA (192.0.2.1, LAN 10.1.0.0/24 on Loopback0) and RouterB (192.0.2.2, LAN 10.2.0.0/24) on one link."""

    def startup(name: str, me: int, lan: int) -> str:
        return (f"hostname {name}\ninterface Loopback0\n ip address 10.{lan}.0.1 255.255.255.0\n"
                f"interface GigabitEthernet1\n ip address 192.0.2.{me} 255.255.255.0\n no shutdown\n"
                f"ip route 10.{3 - lan}.0.0 255.255.255.0 192.0.2.{3 - me}\n")

    return {
        "time_scale": time_scale,
        "routers": {"RouterA": {"ssh_port": 1, "startup_config": startup("RouterA", 1, 1)},
                    "RouterB": {"ssh_port": 2, "startup_config": startup("RouterB", 2, 2)}},
        "links": [{"a": "RouterA:GigabitEthernet1", "b": "RouterB:GigabitEthernet1"}],
    }


def smart_defaults(me: int, key_lines: tuple[str, ...] = (" pre-shared-key s3cret-v2",),
                   extra: tuple[str, ...] = ()) -> list[str]:
    """Keyring + profile + crypto map with `set ikev2-profile`; proposal, policy and transform set are the
    smart defaults. `extra` lines go into the profile (before the crypto map)."""
    peer, lan, far = 3 - me, me, 3 - me
    return [
        "crypto ikev2 keyring KR", " peer PEER", f"  address 192.0.2.{peer}", *(f" {k}" for k in key_lines),
        "crypto ikev2 profile PROF", f" match identity remote address 192.0.2.{peer} 255.255.255.255",
        " authentication local pre-share", " authentication remote pre-share", " keyring local KR", *extra,
        f"access-list 120 permit ip 10.{lan}.0.0 0.0.0.255 10.{far}.0.0 0.0.0.255",
        "crypto map CM 10 ipsec-isakmp", f" set peer 192.0.2.{peer}", " set ikev2-profile PROF",
        " match address 120",
        "interface GigabitEthernet1", " crypto map CM",
    ]


def nge(me: int, local_key: str, remote_key: str) -> list[str]:
    """Explicit next-generation suite: AES-GCM-256, PRF SHA384, DH group 20; ESP AES-GCM-256; asymmetric keys."""
    return [
        "crypto ikev2 proposal NGE", " encryption aes-gcm-256", " prf sha384", " group 20",
        "crypto ikev2 policy NGE", " proposal NGE",
        "crypto ipsec transform-set GCM esp-gcm 256", " mode tunnel",
        *smart_defaults(me, (f" pre-shared-key local {local_key}", f" pre-shared-key remote {remote_key}")),
        "crypto map CM 10 ipsec-isakmp", " set transform-set GCM",
    ]
