"""ipsecux.iosxe.crypto_acls over network_cli against the reference router: natural spelling is idempotent,
edits keep the entries in place, a matched ACL is not removed (issue 16)."""

from __future__ import annotations

from pathlib import Path

from refrouter_harness import require_refrouter, run_tasks, start_router

STARTUP = (
    "access-list 101 permit ip host 209.165.200.227 host 209.165.200.225\n"
    "crypto map CMAP 10 ipsec-isakmp\n set peer 192.0.2.2\n match address 101\n"
)
SPELLED = [
    "permit ip 10.0.1.9 0.0.0.255 10.0.2.0 0.0.0.255",  # host bits set: IOS stores 10.0.1.0
    "permit udp host 10.0.1.5 eq isakmp 10.0.2.0 0.0.0.255 eq isakmp",
    "permit 50 10.0.1.5 0.0.0.0 any",
]
STORED = [
    "10 permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255",
    "20 permit udp host 10.0.1.5 eq 500 10.0.2.0 0.0.0.255 eq 500",
    "30 permit esp host 10.0.1.5 any",
]


def acls(config: list[dict]) -> dict:
    return {"ipsecux.iosxe.crypto_acls": {"config": config}}


def test_crypto_acls_against_the_reference_router(tmp_path: Path) -> None:
    require_refrouter()
    router = start_router(tmp_path / "router", STARTUP)
    inserted = [SPELLED[0], "permit ip 10.0.3.0 0.0.0.255 10.0.2.0 0.0.0.255", *SPELLED[1:]]
    tasks = [
        acls([{"name": "VPN", "entries": SPELLED}]),
        acls([{"name": "VPN", "entries": SPELLED}]),
        acls([{"name": "VPN", "entries": inserted}]),
        acls([{"name": "101", "entries": ["permit ip host 10.9.9.9 any"]}]),
        {
            "ipsecux.iosxe.crypto_acls": {"config": [{"name": "101"}], "state": "deleted"},
            "ignore_errors": True,
        },
        {"ipsecux.iosxe.crypto_acls": {"state": "gathered"}},
    ]
    try:
        run = run_tasks(router, tmp_path, tasks)
    finally:
        router.stop()
    created, again, insert, rewritten, refused, gathered = run.results
    assert created["commands"] == ["ip access-list extended VPN", *STORED, "exit"]
    assert created["after"] == [
        {"name": "VPN", "entries": STORED},
        {"name": "101", "entries": ["permit ip host 209.165.200.227 host 209.165.200.225"]},
    ]
    assert not any("different" in str(warning) for warning in created.get("warnings", []))
    assert (again["changed"], again["commands"]) == (False, [])
    assert insert["commands"] == [
        "ip access-list extended VPN",
        "15 permit ip 10.0.3.0 0.0.0.255 10.0.2.0 0.0.0.255",
        "exit",
    ]
    assert rewritten["commands"] == ["no access-list 101", "access-list 101 permit ip host 10.9.9.9 any"]
    assert refused["failed"] is True and "crypto map CMAP 10 matches 101" in refused["msg"]
    assert gathered["gathered"] == [
        {
            "name": "VPN",
            "entries": [STORED[0], "15 permit ip 10.0.3.0 0.0.0.255 10.0.2.0 0.0.0.255", *STORED[1:]],
        },
        {"name": "101", "entries": ["permit ip host 10.9.9.9 any"]},
    ]
