"""Issue #12's soak test: 20 concurrent CLI and NETCONF sessions under fuzzed input while two tunnels carry
pings. Sized by REFROUTER_SOAK_* (docs/refrouter.md, "Soak test"); nothing here asserts on wall time."""

from __future__ import annotations

import pytest

from refrouter.lab.topologies import spoke_transport

from .owned import expected_config, split_running_config, top_level_blocks
from .record import SoakOutcome, SoakRun, SoakSettings

pytestmark = pytest.mark.soak


def config_body(text: str) -> str:
    """`show running-config` from `version` on (the header counts bytes and stamps the last change)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("version "))
    return "\n".join(lines[start:])


def test_every_session_and_probe_was_answered(soak: SoakOutcome) -> None:
    """No session stalled for good, lost its prompt or had garbage accepted; every probe got its answer. Slow
    probes (over the bound) are counted in the terminal summary, not asserted on."""
    run = soak.run
    assert run.problems == []
    assert run.unanswered_probes == 0
    assert len(run.probes) == 2 and all(run.probes.values()), run.probes
    assert run.counts["cli fuzz lines"] > 0 and run.counts["netconf fuzz messages"] > 0


def test_config_equals_the_accepted_changes(soak: SoakOutcome) -> None:
    run = soak.run
    final, rest = split_running_config(config_body(run.final_config))
    _, rest_before = split_running_config(config_body(run.baseline_config))
    expected = expected_config(run.writers)
    assert expected.acls and expected.keys and expected.loopbacks
    assert final.acls == expected.acls
    assert final.keys == expected.keys
    assert final.loopbacks == expected.loopbacks
    assert rest == rest_before  # nothing else changed: no garbage line or refused edit left a trace
    assert run.counts["cli accepted"] > 0 and run.counts["netconf accepted"] > 0


def test_saved_config_equals_the_running_config(soak: SoakOutcome) -> None:
    assert soak.saved_config.strip() == config_body(soak.run.final_config).strip()


def test_both_tunnels_kept_carrying_pings(soak: SoakOutcome) -> None:
    """Every round of pings during the soak got answers, and the hub shows both tunnels up afterwards."""
    pings = soak.run.pings
    assert set(pings) == {"Spoke1", "Spoke2"}
    for spoke, rounds in pings.items():
        assert rounds, f"{spoke}: no ping round ran"
        assert all(received > 0 for received, _ in rounds), f"{spoke}: rounds (received, sent): {rounds}"
    sessions = soak.run.crypto_sessions.replace("\r\n", "\n").split("\n\n")
    up = [block for block in sessions if "Session status: UP-ACTIVE" in block]
    peers = [line.split()[1] for block in up for line in block.splitlines() if line.startswith("Peer: ")]
    assert len(peers) == 2 and set(peers) == {spoke_transport(1), spoke_transport(2)}, soak.run.crypto_sessions


def test_no_psk_in_the_lab_log(soak: SoakOutcome) -> None:
    psks = [psk for owned in soak.run.writers for psk in owned.psks_used]
    assert psks
    assert [psk for psk in psks if psk in soak.lab_log] == []


def test_no_state_file_is_open_to_others(soak: SoakOutcome) -> None:
    assert soak.open_to_others == []


def test_config_body_skips_the_header() -> None:
    text = "Building configuration...\n\nCurrent configuration : 9 bytes\n!\nversion 17.9\nhostname R\nend"
    assert config_body(text) == "version 17.9\nhostname R\nend"
    assert top_level_blocks("a\n b\nc") == [["a", " b"], ["c"]]


def test_split_running_config_keeps_what_it_does_not_own() -> None:
    """The parser behind the comparison: owned objects out, anything else (a second key line too) kept."""
    owned, rest = split_running_config(
        "hostname Hub\n!\ncrypto isakmp key k1 address 198.19.3.1\ncrypto isakmp key k2 address 198.19.3.1\n"
        "interface Loopback1003\n description d\n no ip address\n!\ninterface Loopback0\n ip address 10.0.0.1 "
        "255.255.255.0\nip access-list extended SOAK-3\n 20 permit ip host 198.18.3.20 any\n"
        "ip access-list extended OTHER\n 10 permit ip any any\nend")
    assert owned.keys == {"198.19.3.1": "k1"}
    assert owned.loopbacks == {"Loopback1003": [" description d", " no ip address"]}
    assert owned.acls == {"SOAK-3": [" 20 permit ip host 198.18.3.20 any"]}
    assert rest == ["hostname Hub", "crypto isakmp key k2 address 198.19.3.1", "interface Loopback0",
                    " ip address 10.0.0.1 255.255.255.0", "ip access-list extended OTHER", " 10 permit ip any any",
                    "end"]


def test_report_counts_and_lists_slow_probes() -> None:
    run = SoakRun(SoakSettings(), probes={"cli show clock": [0.1, 6.5, 0.2]})
    for seconds in run.probes["cli show clock"]:
        run.timed("probe cli show clock", "a request", seconds)
    report = run.report()
    assert "probe cli show clock: 3 answered, 1 slower than 5 s (slowest 6.50 s)" in report
    assert [line for line in report if line.startswith("slow:")] == [
        "slow: probe cli show clock: a request answered after 6.5 s"]
