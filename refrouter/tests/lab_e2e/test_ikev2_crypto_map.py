"""IKEv2 between two reference routers through crypto maps (`set ikev2-profile`): tunnels come up and carry
pings, land in the same IPsec structures as IKEv1 tunnels, and failures are visible on both sides."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from .harness import configure, lab_copy, run, running_lab
from .ikev2_lab import nge, smart_defaults, two_routers

PING = "ping 10.2.0.1 source Loopback0 repeat 5 timeout 1"


async def _bring_up(lab: Any, lines_a: list[str], lines_b: list[str]) -> str:
    a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
    for router, lines in ((a, lines_a), (b, lines_b)):
        outputs = configure(router, lines)
        assert [o for o in outputs if "NOTE: This new crypto map" not in o] == [], outputs
    return await run(a, PING)


def test_smart_defaults_come_up_and_ping(tmp_path: Path) -> None:
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            ping = await _bring_up(lab, smart_defaults(1), smart_defaults(2))
            return {"ping": ping, "a": a.oper.ipsec_tunnel_list(), "b": b.oper.ipsec_tunnel_list(),
                    "a_sas": a.oper.ikev2.sa_list(), "b_sas": b.oper.ikev2.sa_list(),
                    "logs": a.logs.messages() + b.logs.messages(),
                    "ipsec_sa": await run(a, "show crypto ipsec sa")}

    result = asyncio.run(scenario())
    assert ".!!!!" in result["ping"], result["ping"]
    (tunnel_a,), (tunnel_b,) = result["a"], result["b"]
    assert tunnel_a.outbound[0].spi == tunnel_b.inbound[0].spi
    assert tunnel_a.transforms == ("esp-aes", "esp-sha-hmac") and tunnel_a.key_size == 128
    assert tunnel_a.counters.out_pkts == 4 and tunnel_b.counters.in_pkts == 4
    (sa_a,), (sa_b,) = result["a_sas"], result["b_sas"]
    assert (sa_a.status, sa_a.encryption, sa_a.key_size, sa_a.prf, sa_a.hash, sa_a.dh_group) == \
        ("READY", "AES-CBC", 256, "SHA512", "SHA512", 19)
    assert sa_a.local_spi == sa_b.remote_spi and sa_a.initiator and not sa_b.initiator
    assert "%IKEV2-5-SA_UP: SA UP: local 192.0.2.1 remote 192.0.2.2" in " ".join(result["logs"])
    assert "#pkts encaps: 4" in result["ipsec_sa"]


def test_nge_suite_with_asymmetric_keys(tmp_path: Path) -> None:
    """AES-GCM-256 / PRF SHA384 / group 20 with `pre-shared-key local` and `remote` that differ per direction."""
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            ping = await _bring_up(lab, nge(1, "from-A-key", "from-B-key"), nge(2, "from-B-key", "from-A-key"))
            return {"ping": ping, "a": a.oper.ipsec_tunnel_list(), "sa_a": a.oper.ikev2.sa_list(),
                    "sa_b": b.oper.ikev2.sa_list()}

    result = asyncio.run(scenario())
    assert ".!!!!" in result["ping"], result["ping"]
    (tunnel,) = result["a"]
    assert (tunnel.transform_set, tunnel.transforms, tunnel.key_size) == ("GCM", ("esp-gcm",), 256)
    for (sa,) in (result["sa_a"], result["sa_b"]):
        assert (sa.status, sa.encryption, sa.key_size, sa.prf, sa.hash, sa.dh_group) == \
            ("READY", "AES-GCM", 256, "SHA384", "None", 20)
        (child,) = sa.children
        assert (child.encryption, child.key_size, child.esp_hmac) == ("AES-GCM", 256, "None")


def _failure(tmp_path: Path, lines_a: list[str], lines_b: list[str]) -> dict[str, Any]:
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            ping = await _bring_up(lab, lines_a, lines_b)
            return {"ping": ping, "tunnels": a.oper.ipsec_tunnel_list() + b.oper.ipsec_tunnel_list(),
                    "failures": [(f.role, f.outcome) for r in (a, b) for f in r.oper.ikev2.failures],
                    "logs_a": a.logs.messages(), "logs_b": b.logs.messages(),
                    "stats_a": await run(a, "show crypto ikev2 stats"),
                    "stats_b": await run(b, "show crypto ikev2 stats"),
                    "sa_a": await run(a, "show crypto ikev2 sa")}

    return asyncio.run(scenario())


def test_wrong_key_fails_authentication_on_both_sides(tmp_path: Path) -> None:
    result = _failure(tmp_path, smart_defaults(1), smart_defaults(2, (" pre-shared-key other-key",)))
    assert "Success rate is 0 percent" in result["ping"]
    assert result["tunnels"] == []
    assert ("initiator", "AUTHENTICATION_FAILED") in result["failures"]
    assert ("responder", "AUTHENTICATION_FAILED") in result["failures"]
    abort = "%IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Auth exchange failed"
    assert any(abort in line for line in result["logs_a"]) and any(abort in line for line in result["logs_b"])
    assert not any("SA_UP" in line for line in result["logs_a"] + result["logs_b"])
    assert "READY" not in result["sa_a"]
    sent = re.search(r"Outgoing IKEv2 Requests: (\d+) +accepted: +(\d+) +rejected: +(\d+)", result["stats_a"])
    assert sent is not None and int(sent[1]) >= 1 and (int(sent[2]), int(sent[3])) == (0, int(sent[1])), sent
    got = re.search(r"Incoming IKEv2 Requests: (\d+) +accepted: +(\d+) +rejected: +(\d+)", result["stats_b"])
    assert got is not None and got[1] == sent[1] and (int(got[2]), got[3]) == (0, sent[1]), got


def test_no_common_proposal(tmp_path: Path) -> None:
    own = ["crypto ikev2 proposal ONLY14", " encryption aes-cbc-128", " integrity sha256", " group 14",
           "crypto ikev2 policy P14", " proposal ONLY14"]
    result = _failure(tmp_path, smart_defaults(1), [*own, *smart_defaults(2)])
    assert "Success rate is 0 percent" in result["ping"]
    assert ("initiator", "NO_PROPOSAL_CHOSEN") in result["failures"]
    assert ("responder", "NO_PROPOSAL_CHOSEN") in result["failures"]
    abort = "%IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: Failed to find a matching proposal"
    assert any(abort in line for line in result["logs_a"]) and any(abort in line for line in result["logs_b"])


def test_clear_and_config_changes_keep_live_sas_until_renegotiation(tmp_path: Path) -> None:
    """`clear crypto ikev2 sa` deletes both sides (the peer is told); a key changed while the SA is up does not
    touch it, and the next negotiation uses the new key."""
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            first = await _bring_up(lab, smart_defaults(1), smart_defaults(2))
            await run(a, "clear crypto ikev2 sa")
            await asyncio.sleep(0.3)
            cleared = (a.oper.ipsec_tunnel_list(), b.oper.ipsec_tunnel_list(), b.oper.ikev2.sa_list())
            again = await run(a, PING)
            configure(b, ["crypto ikev2 keyring KR", " peer PEER", "  pre-shared-key changed-key"])
            still = await run(a, PING)
            await run(b, "clear crypto ikev2 sa remote 192.0.2.1")
            await asyncio.sleep(0.3)
            after = await run(a, "ping 10.2.0.1 source Loopback0 repeat 2 timeout 1")
            return {"first": first, "cleared": cleared, "again": again, "still": still, "after": after,
                    "logs_b": b.logs.messages(), "failures_b": [(f.role, f.outcome) for f in b.oper.ikev2.failures]}

    result = asyncio.run(scenario())
    assert ".!!!!" in result["first"]
    assert result["cleared"] == ([], [], [])
    assert any("%IKEV2-5-SA_DOWN: SA DOWN: local 192.0.2.2 remote 192.0.2.1 reason peer delete" in line
               for line in result["logs_b"]), result["logs_b"]
    assert ".!!!!" in result["again"]
    assert "!!!!!" in result["still"]
    assert "Success rate is 0 percent" in result["after"]
    assert result["failures_b"] == [("responder", "AUTHENTICATION_FAILED")] * len(result["failures_b"])
    assert result["failures_b"]


def test_dynamic_map_responder(tmp_path: Path) -> None:
    """The responder accepts through a dynamic-map entry (no peer, no ACL) naming the IKEv2 profile."""
    path = lab_copy(two_routers(), tmp_path)
    lines_b = [line for line in smart_defaults(2) if not line.startswith(("access-list", "crypto map", " set peer",
                                                                         " set ikev2-profile", " match address"))]
    lines_b[-2:-2] = ["crypto dynamic-map DYN 10", " set ikev2-profile PROF",
                      "crypto map CM 10 ipsec-isakmp dynamic DYN"]

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            b = lab.routers["RouterB"].router
            ping = await _bring_up(lab, smart_defaults(1), lines_b)
            return {"ping": ping, "tunnels": b.oper.ipsec_tunnel_list(), "entries": b.oper.dynamic_entry_list()}

    result = asyncio.run(scenario())
    assert ".!!!!" in result["ping"], result["ping"]
    (tunnel,) = result["tunnels"]
    (entry,) = result["entries"]
    assert (tunnel.map_name, tunnel.map_seq, entry.template, entry.peer) == ("CM", entry.seq, "DYN", "192.0.2.1")
    assert (tunnel.local_ident.addr, tunnel.remote_ident.addr) == ("10.2.0.0", "10.1.0.0")


def test_dpd_declares_a_silent_peer_dead(tmp_path: Path) -> None:
    """`dpd 10 2 on-demand`: traffic towards a peer that went silent starts liveness checks; when they go
    unanswered the IKE SA and its tunnel are removed (SA_DOWN reason DPD, PEER_LOST outcome). time_scale 20."""
    path = lab_copy(two_routers(time_scale=20), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            first = await _bring_up(lab, smart_defaults(1, extra=(" dpd 10 2 on-demand",)), smart_defaults(2))
            up = len(a.oper.ipsec_tunnel_list())
            configure(b, ["interface GigabitEthernet1", " shutdown"])
            lost = await run(a, "ping 10.2.0.1 source Loopback0 repeat 1 timeout 1")
            for _ in range(60):  # bounded: 10 s DPD interval + 5 retries of 2 s = 20 router s = 1 real s
                if not a.oper.ikev2.sa_list():
                    break
                await asyncio.sleep(0.1)
            return {"first": first, "up": up, "lost": lost, "sas": a.oper.ikev2.sa_list(),
                    "tunnels": a.oper.ipsec_tunnel_list(), "logs": a.logs.messages(),
                    "failures": [(f.role, f.outcome) for f in a.oper.ikev2.failures]}

    result = asyncio.run(scenario())
    assert ".!!!!" in result["first"] and result["up"] == 1
    assert "Success rate is 0 percent" in result["lost"]
    assert result["sas"] == [] and result["tunnels"] == []
    assert any("SA DOWN: local 192.0.2.1 remote 192.0.2.2 reason DPD" in line for line in result["logs"])
    assert result["failures"] == [("initiator", "PEER_LOST")]


def test_child_sa_rekeys_at_its_lifetime(tmp_path: Path) -> None:
    """time_scale 60: a 120 s IPsec lifetime ends after 2 real seconds; the initiator rekeys the child SA
    (CREATE_CHILD_SA), the new tunnel replaces the old one on both sides and traffic keeps flowing."""
    path = lab_copy(two_routers(time_scale=60), tmp_path)
    lines_a = [*smart_defaults(1)[:-2], " set security-association lifetime seconds 120", *smart_defaults(1)[-2:]]

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            first = await _bring_up(lab, lines_a, smart_defaults(2))
            before = [t.outbound_spi for t in a.oper.ipsec_tunnel_list()]
            await asyncio.sleep(3.0)
            after = await run(a, "ping 10.2.0.1 source Loopback0 repeat 3 timeout 1")
            return {"first": first, "before": before, "after": after, "a": a.oper.ipsec_tunnel_list(),
                    "b": b.oper.ipsec_tunnel_list(), "history": [r.reason for r in a.oper.flowmib.ipsec.history()],
                    "ike": [sa.tunnel_id for sa in a.oper.ikev2.sa_list()]}

    result = asyncio.run(scenario())
    assert ".!!!!" in result["first"]
    assert "!!!" in result["after"], result["after"]
    (new_a,), (new_b,) = result["a"], result["b"]
    assert new_a.outbound_spi not in result["before"] and new_a.outbound_spi == new_b.inbound[0].spi
    assert result["history"] and set(result["history"]) == {"normal"}
    assert result["ike"] == [1]


def test_refused_child_sa_is_retried_without_piling_up_ike_sas(tmp_path: Path) -> None:
    """The responder's ACL does not cover the offered selectors: the IKE SA comes up, the child SA is refused
    (TS_UNACCEPTABLE on both sides), and later traffic retries with one IKE SA at a time."""
    lines_b = [line.replace("10.1.0.0 0.0.0.255", "10.9.0.0 0.0.0.255") for line in smart_defaults(2)]
    path = lab_copy(two_routers(), tmp_path)

    async def scenario() -> dict[str, Any]:
        async with running_lab(path, tmp_path) as lab:
            a, b = lab.routers["RouterA"].router, lab.routers["RouterB"].router
            ping = await _bring_up(lab, smart_defaults(1), lines_b)
            return {"ping": ping, "a_sas": len(a.oper.ikev2.sa_list()), "tunnels": a.oper.ipsec_tunnel_list(),
                    "failures": sorted({(f.role, f.outcome, f.stage) for r in (a, b) for f in r.oper.ikev2.failures}),
                    "attempts": a.oper.ikev2.stats.outgoing_requests}

    result = asyncio.run(scenario())
    assert "Success rate is 0 percent" in result["ping"]
    assert result["tunnels"] == [] and result["a_sas"] <= 1
    assert result["failures"] == [("initiator", "TS_UNACCEPTABLE", "child"), ("responder", "TS_UNACCEPTABLE", "child")]
    assert result["attempts"] >= 2
