"""`configure replace` between two archived configurations with crypto maps, keys and profiles: only the
lines that differ change, and the live tunnel the change does not touch stays up (same SAs, no new IKE)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from .harness import configure, lab_copy, run, running_lab, seed_lab, seed_lines

PING = "ping 209.165.200.225 source Loopback0"
ARCHIVE = ["archive", " path bootflash:$h-archive", " maximum 5"]
EXTRA = [  # a second site: a key, a transform set, an entry of the applied map, an IPsec profile
    "crypto isakmp key other-site-key address 198.51.100.9",
    "crypto ipsec transform-set ts_b esp-aes 256 esp-sha256-hmac",
    "crypto ipsec profile prof_b",
    " set transform-set ts_b",
    "crypto map testmap 20 ipsec-isakmp",
    " set peer 198.51.100.9",
    " set transform-set ts_b",
    " match address 102",
    "access-list 102 permit ip host 209.165.200.227 host 198.51.100.77",
]


def test_replace_between_archives_keeps_the_untouched_tunnel(tmp_path: Path) -> None:
    path = lab_copy(seed_lab("two_site"), tmp_path)

    async def scenario() -> dict[str, object]:
        async with running_lab(path, tmp_path) as lab:
            router_a, router_b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            configure(router_a, seed_lines("default_policy_RouterA") + ARCHIVE)
            configure(router_b, seed_lines("default_policy_RouterB"))
            pagent_a = lab.routers["PagentA"].router
            await run(pagent_a, PING)  # the first packet starts IKE
            tunnels = [(t.tunnel_id, t.outbound_spi) for t in router_a.oper.ipsec_tunnel_list()]
            ike = [sa.conn_id for sa in router_a.oper.ike_sa_list()]
            await run(router_a, "archive config")  # RouterA-archive-1: one site
            extra_errors = configure(router_a, EXTRA)
            await run(router_a, "archive config")  # RouterA-archive-2: two sites
            two_sites = router_a.running_config_text()
            back = await run(router_a, "configure replace bootflash:RouterA-archive-1 force list")
            one_site = router_a.running_config_text()
            forward = await run(router_a, "configure replace bootflash:RouterA-archive-2 force list")
            after = await run(pagent_a, PING)
            return {
                "extra_errors": extra_errors, "back": back, "forward": forward, "after": after,
                "two_sites": two_sites, "one_site": one_site, "final": router_a.running_config_text(),
                "archive_1": router_a.flash.read("RouterA-archive-1"),
                "tunnels_before": tunnels, "ike_before": ike,
                "tunnels_after": [(t.tunnel_id, t.outbound_spi) for t in router_a.oper.ipsec_tunnel_list()],
                "ike_after": [sa.conn_id for sa in router_a.oper.ike_sa_list()],
            }

    result = asyncio.run(scenario())
    assert [e for e in result["extra_errors"] if "% NOTE" not in e] == []  # type: ignore[union-attr]
    assert str(result["back"]).splitlines() == [
        "!Pass 1",
        "!List of Rollback Commands:",  # removals last line first, so nothing removed is still referenced
        "no ip access-list extended 102",  # IOS XE 17 keeps numbered ACLs in the named form
        "no crypto map testmap 20",
        "no crypto ipsec profile prof_b",
        "no crypto ipsec transform-set ts_b",
        "no crypto isakmp key <removed> address 198.51.100.9",
        "end",
        "",
        "Total number of passes: 1",
        "Rollback Done",
        "",
    ]
    assert result["one_site"] == result["archive_1"]
    forward = str(result["forward"])
    assert "crypto map testmap 20 ipsec-isakmp" in forward and "no " not in forward
    assert result["final"] == result["two_sites"]
    assert "Success rate is 100 percent (5/5)" in str(result["after"])
    assert len(result["tunnels_before"]) == 1  # type: ignore[arg-type]
    assert result["tunnels_after"] == result["tunnels_before"]  # the same SAs: the tunnel never went down
    assert result["ike_after"] == result["ike_before"]
