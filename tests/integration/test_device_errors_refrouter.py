"""Every error the reference router prints in configuration mode fails the task over network_cli, names the
device line and the command that caused it, and leaves the running config as it was (issue #12).

The messages come from the router's own error catalogue (refrouter.cli.errors); a catalogue entry without a
trigger here, and without a reason in NOT_TRIGGERED, fails test_every_config_mode_error_is_triggered.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from refrouter_harness import PlaybookRun, require_refrouter, run_tasks, start_router

from refrouter.cli.errors import BY_NAME, CATALOGUE

FULL_PEERS = [f"198.51.100.{host}" for host in range(1, 11)]  # IOS allows 10 peers per crypto map entry
FULL_POLICY = {"transform_sets": ["TS1"], "match_address": "101"}
STARTUP = (
    "vrf definition RED\n"
    "interface GigabitEthernet2\n ip address 192.0.2.1 255.255.255.0\n"
    "ip access-list standard NAMED\n permit any\n"
    "ip access-list extended 101\n 10 permit ip any any\n"
    "crypto ipsec transform-set TS1 esp-aes esp-sha-hmac\n"
    "crypto map FULL 10 ipsec-isakmp\n"
    + "".join(f" set peer {peer}\n" for peer in FULL_PEERS)
    + " set transform-set TS1\n match address 101\n"
    "crypto map ONE 10 ipsec-isakmp\n set peer 192.0.2.200\n set transform-set TS1\n match address 101\n"
    "crypto keyring KR1\n pre-shared-key address 192.0.2.60 key lab-ring-key\n"
    "crypto isakmp profile IP1\n keyring KR1\n match identity address 192.0.2.60 255.255.255.255\n"
    "crypto ipsec profile IPP\n set transform-set TS1\n set isakmp-profile IP1\n"
    "crypto ikev2 proposal V2PROP\n encryption aes-cbc-256\n integrity sha256\n group 14\n"
    "crypto ikev2 policy V2POL\n proposal V2PROP\n"
    "crypto ikev2 keyring V2KR\n peer SPOKE\n  address 192.0.2.70\n  pre-shared-key lab-v2-key\n"
    "crypto ikev2 profile V2PR\n match identity remote address 192.0.2.70 255.255.255.255\n"
    " authentication remote pre-share\n authentication local pre-share\n keyring local V2KR\n"
    "crypto pki trustpoint TP1\n enrollment selfsigned\n"
    "crypto pki certificate chain TP1\n"
    "interface Tunnel1\n ip address 10.255.0.1 255.255.255.252\n"
    "archive\n path bootflash:archive\n"
)


def module(name: str, **args: Any) -> dict[str, Any]:
    return {f"ipsecux.iosxe.{name}": args}


def cli_config(lines: list[str]) -> dict[str, Any]:
    return {"ansible.netcommon.cli_config": {"config": "\n".join(lines), "diff_match": "none"}}


# Messages the resource modules trigger: (task, the command the device refuses).
MODULE_TRIGGERS: dict[str, tuple[dict[str, Any], str]] = {
    "invalid_input": (
        module("crypto_maps", config=[{"name": "ONE", "interfaces": ["GigabitEthernet9"]}]),
        "interface GigabitEthernet9",
    ),
}
# The resource modules never send these commands in a state the device refuses: routes, access lists,
# interface addresses and VRFs are not theirs, references are checked against the device before anything is
# sent, and removals (`no set peer`, `no crypto isakmp key`,
# `no crypto ipsec transform-set`) name only what they read from the device. ansible.netcommon.cli_config
# pushes them through the same cliconf and terminal plugins; the last line is the refused one.
CLI_CONFIG_TRIGGERS: dict[str, list[str]] = {
    "incomplete": ["crypto ipsec transform-set TSX"],
    "ambiguous": ["crypto i"],
    "hostname_illegal": ["hostname R1.example"],
    "archive_path": ["archive", "path tftp://192.0.2.99/backup"],
    "physical_interface_removal": ["no interface GigabitEthernet1"],
    "vrf_not_configured": ["no vrf definition BLUE"],
    "no_matching_route": ["no ip route 192.0.2.0 255.255.255.0 10.0.0.1"],
    "inconsistent_address_mask": ["ip route 192.0.2.1 255.255.255.0 10.0.0.1"],
    "invalid_mask": ["ip route 192.0.2.0 255.0.255.0 10.0.0.1"],
    "no_such_key": ["no crypto isakmp key x address 192.0.2.77"],
    "type6_unreadable": ["crypto isakmp key 6 NOT-A-SEALED-KEY address 192.0.2.78"],
    "transform_set_missing": ["no crypto ipsec transform-set TS9"],
    "acl_invalid_name": ["ip access-list standard 150"],
    "acl_other_kind": ["ip access-list extended NAMED"],
    "acl_duplicate_seq": ["ip access-list extended 101", "10 permit ip host 192.0.2.9 any"],
    "bad_mask_prefix": ["interface GigabitEthernet3", "ip address 198.51.100.1 255.0.255.0"],
    "bad_mask": ["interface GigabitEthernet3", "ip address 198.51.100.0 255.255.255.0"],
    "overlap": ["interface GigabitEthernet3", "ip address 192.0.2.5 255.255.255.0"],
    "if_vrf_not_configured": ["interface GigabitEthernet3", "vrf forwarding BLUE"],
    "not_a_peer": ["crypto map ONE 10 ipsec-isakmp", "no set peer 192.0.2.9"],
    # crypto_maps refuses, before it sends anything, a transform set the device lacks and an 11th peer
    "max_peers": ["crypto map FULL 10 ipsec-isakmp", "set peer 203.0.113.1"],
    "transform_set_tag_missing": ["crypto map ONE 10 ipsec-isakmp", "set transform-set NOPE"],
    "master_key_too_short": ["key config-key password-encrypt short"],
    "vrf_missing": ["crypto keyring KR2 vrf BLUE"],
    "keyring_missing": ["crypto isakmp profile IP1", "keyring KR9"],
    "keyring_in_use": ["no crypto keyring KR1"],
    "isakmp_profile_missing": ["crypto map ONE 10 ipsec-isakmp", "set isakmp-profile IP9"],
    "isakmp_profile_in_use": ["no crypto isakmp profile IP1"],
    "keyring_invalid_mask": [
        "crypto keyring KR1",
        "pre-shared-key address 192.0.2.61 255.0.255.0 key lab-key-2",
    ],
    "no_such_identity": ["crypto isakmp profile IP1", "no match identity host peer9.example.net"],
    "map_ikev2_profile_missing": ["crypto map ONE 10 ipsec-isakmp", "set ikev2-profile V2P9"],
    "ikev2_object_missing": ["no crypto ikev2 proposal P9"],
    "ikev2_proposal_in_use": ["no crypto ikev2 proposal V2PROP"],
    "ikev2_keyring_in_use": ["no crypto ikev2 keyring V2KR"],
    "ikev2_peer_missing": ["crypto ikev2 keyring V2KR", "no peer P9"],
    "trustpoint_missing": ["crypto pki certificate chain TP9"],
    "cert_server_missing": ["no crypto pki server CS9"],
    "certificate_missing": ["crypto pki certificate chain TP1", "no certificate 09"],
    "pubkey_missing": ["crypto key pubkey-chain rsa", "no named-key K9"],
    "domain_name_missing": ["crypto key generate rsa modulus 1024"],
    "rsa_keypair_missing": ["crypto key zeroize rsa K9"],
    "gdoi_group_missing": ["no crypto gdoi group G9"],
    "ipsec_profile_missing": ["interface Tunnel1", "tunnel protection ipsec profile IPP9"],
    "nhrp_auth_too_long": ["interface Tunnel1", "ip nhrp authentication nhrp-secret-9"],
}
SHOWN_AS = {
    "no crypto isakmp key x address 192.0.2.77": "no crypto isakmp key ******** address 192.0.2.77",
    "crypto isakmp key 6 NOT-A-SEALED-KEY address 192.0.2.78": "crypto isakmp key 6 ******** address 192.0.2.78",
    "pre-shared-key address 192.0.2.61 255.0.255.0 key lab-key-2": "pre-shared-key address 192.0.2.61 255.0.255.0 key "
    "********",
    "ip nhrp authentication nhrp-secret-9": "ip nhrp authentication ********",
}
NOT_TRIGGERED = {
    "internal_error": "printed only when a router command handler has a bug; none is known to",
    "submode_object_removed": "needs a second session removing the object under the first one's sub-mode; "
    "refrouter/tests/test_cli_shared_config.py covers it",
    "pki_bad_hex": "printed at the `quit` that ends a pasted certificate, whose hex lines get no prompt, so "
    "cli_config cannot send them; refrouter/tests/crypto_families/test_pki_gdoi_config.py covers it",
}
# Notices the router prints while a command takes effect: the task succeeds.
NOTICE_TRIGGERS: dict[str, dict[str, Any]] = {
    "new_map_note": module(
        "crypto_maps", config=[{"name": "NEW", "entries": [{"seq": 5, "peers": ["192.0.2.50"]}]}]
    ),
    "master_key_missing": {
        "ansible.netcommon.cli_config": {"config": "password encryption aes", "diff_match": "none"}
    },
    "vrf_removes_address": {
        "ansible.netcommon.cli_config": {
            "config": "interface GigabitEthernet2\nvrf forwarding RED",
            "diff_match": "none",
        }
    },
    # `crypto key generate rsa` prints both; one key pair per notice
    "rsa_modulus": cli_config(["crypto key generate rsa general-keys label LABKEY1 modulus 1024"]),
    "rsa_generating": cli_config(["crypto key generate rsa general-keys label LABKEY2 modulus 2048 exportable"]),
}
NOT_PRINTED = ("warning", "warning_upper")  # catalogued for the session's notice rule; no command prints them


SHOW_RUN = {"ansible.netcommon.cli_command": {"command": "show running-config"}}


def config_lines(show_run: dict[str, Any]) -> list[str]:
    """Running-config lines without the header and `!` comments (which carry byte counts and times)."""
    return [
        line.rstrip()
        for line in show_run["stdout"].splitlines()
        if line.strip() and not line.startswith(("!", "Building configuration", "Current configuration"))
    ]


TRIGGERED = [*MODULE_TRIGGERS, *CLI_CONFIG_TRIGGERS]


def device_line_re(template: str) -> str:
    """The catalogue template as a regex: fields match any text (the message is one line in `msg`)."""
    return ".+?".join(re.escape(part) for part in re.split(r"\{\w+\}", template))


# The catalogue's triggers are split over this many routers, one playbook each, run side by side: a playbook
# keeps about one core busy, so two use a 2-core machine.
CATALOGUE_ROUTERS = 2


@dataclass(frozen=True)
class Triggered:
    """A message's failing task, `show running-config` right after it, and the same router's before it all."""

    result: dict[str, Any]
    show_run: dict[str, Any]
    before: dict[str, Any]


def run_triggers(directory: Path, names: list[str]) -> dict[str, Triggered]:
    """One router, one playbook: show run, then for every message its failing task and show run again."""
    router = start_router(directory / "router", STARTUP)
    tasks: list[dict[str, Any]] = [SHOW_RUN]
    for name in names:
        task = MODULE_TRIGGERS[name][0] if name in MODULE_TRIGGERS else cli_config(CLI_CONFIG_TRIGGERS[name])
        tasks += [{**task, "ignore_errors": True}, SHOW_RUN]
    try:
        run = run_tasks(router, directory, tasks)
    finally:
        router.stop()
    before, rest = run.results[0], run.results[1:]
    return {name: Triggered(rest[2 * i], rest[2 * i + 1], before) for i, name in enumerate(names)}


@pytest.fixture(scope="module")
def catalogue_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Triggered]:
    """Every triggered message's outcome, from CATALOGUE_ROUTERS routers each given every n-th trigger."""
    require_refrouter()
    directory = tmp_path_factory.mktemp("catalogue")
    slices = [TRIGGERED[first::CATALOGUE_ROUTERS] for first in range(CATALOGUE_ROUTERS)]
    with ThreadPoolExecutor(CATALOGUE_ROUTERS) as pool:
        runs = list(pool.map(run_triggers, [directory / f"slice{n}" for n in range(len(slices))], slices))
    return {name: outcome for run in runs for name, outcome in run.items()}


def test_every_config_mode_error_is_triggered() -> None:
    """Exec-mode messages (`mode == "exec"`) are outside configuration pushes."""
    config_errors = {m.name for m in CATALOGUE if m.kind == "error" and m.mode != "exec"}
    assert config_errors == set(TRIGGERED) | set(NOT_TRIGGERED)
    notices = {m.name for m in CATALOGUE if m.kind == "notice"}
    assert notices == set(NOTICE_TRIGGERS) | set(NOT_PRINTED)


# The first of these tests waits for the catalogue's playbooks (about 90 tasks): on a loaded 2-core machine
# that took longer than the default --timeout of 300 s.
@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", TRIGGERED)
def test_config_mode_error_fails_names_the_line_and_changes_nothing(
    catalogue_run: dict[str, Triggered], name: str
) -> None:
    result, show_run = catalogue_run[name].result, catalogue_run[name].show_run
    message = BY_NAME[name]
    command = MODULE_TRIGGERS[name][1] if name in MODULE_TRIGGERS else CLI_CONFIG_TRIGGERS[name][-1]
    command = SHOWN_AS.get(command, command)
    assert result["failed"] is True, result
    assert f"{command!r}: " in result["msg"]
    assert re.search(device_line_re(message.template), result["msg"]), result["msg"]
    if name in MODULE_TRIGGERS:
        assert result["rollback"]["restored"] is True
    assert config_lines(show_run) == config_lines(catalogue_run[name].before)


def run_playbook(
    tmp_path: Path, tasks: list[dict[str, Any]], startup: str = STARTUP, **host_vars: Any
) -> PlaybookRun:
    router = start_router(tmp_path / "router", startup)
    try:
        return run_tasks(router, tmp_path, tasks, **host_vars)
    finally:
        router.stop()


def test_notices_do_not_fail_the_task(tmp_path: Path) -> None:
    require_refrouter()
    run = run_playbook(tmp_path, [*NOTICE_TRIGGERS.values(), SHOW_RUN])
    new_map, no_master_key, vrf, rsa_1024, rsa_2048, show_run = run.results
    assert new_map.get("failed") is not True and new_map["changed"] is True
    assert no_master_key.get("failed") is not True and no_master_key["changed"] is True
    for rsa in (rsa_1024, rsa_2048):
        assert rsa.get("failed") is not True and rsa["changed"] is True, rsa
    assert new_map["commands"] == ["crypto map NEW 5 ipsec-isakmp", "set peer 192.0.2.50"]
    assert vrf.get("failed") is not True and vrf["changed"] is True
    lines = config_lines(show_run)
    assert "crypto map NEW 5 ipsec-isakmp" in lines and " vrf forwarding RED" in lines
    assert "password encryption aes" in lines


def test_eleven_peers_and_a_question_mark_key_fail_and_change_nothing(tmp_path: Path) -> None:
    """Issue #12: `replaced` with 11 peers on a full map used to send 11 refused `set peer` lines, then 10
    `no set peer` lines, report success and leave the live map without a peer; `merged` dropped the 11th
    peer silently; a key with `?` reached the device cut at the `?`. Ten other peers replace ten."""
    require_refrouter()
    eleven = [f"203.0.113.{host}" for host in range(1, 12)]

    def full_map(peers: list[str]) -> list[dict[str, Any]]:
        return [{"name": "FULL", "entries": [{"seq": 10, "peers": peers, **FULL_POLICY}]}]

    tasks = [
        {**module("crypto_maps", state="replaced", config=full_map(eleven)), "ignore_errors": True},
        {
            **module("crypto_maps", config=[{"name": "NEW", "entries": [{"seq": 5, "peers": eleven}]}]),
            "ignore_errors": True,
        },
        {**module("crypto_maps", config=full_map(eleven[:1])), "ignore_errors": True},
        module("crypto_maps", state="gathered"),
        {
            **module("isakmp_keys", config=[{"address": "192.0.2.1", "key": "{{ psk_question }}"}]),
            "ignore_errors": True,
        },
        module("isakmp_keys", state="gathered"),
        module("crypto_maps", state="replaced", config=full_map(eleven[:10])),
    ]
    run = run_playbook(tmp_path, tasks, psk_question="Wh?t-Key-12")
    replaced, merged_new, merged_full, gathered, key, keys, ten = run.results
    assert replaced["failed"] is True and merged_new["failed"] is True and merged_full["failed"] is True
    assert replaced["msg"] == "crypto map FULL 10: 11 peers, but IOS allows at most 10 per entry"
    assert merged_new["msg"] == "crypto map NEW 5: 11 peers, but IOS allows at most 10 per entry"
    assert merged_full["msg"] == replaced["msg"]  # merged adds to the 10 peers the entry has
    assert [(item["name"], item["entries"][0]["peers"]) for item in gathered["gathered"]] == [
        ("FULL", FULL_PEERS),
        ("ONE", ["192.0.2.200"]),
    ]
    assert key["failed"] is True
    assert key["msg"].startswith("config[0].key: contains '?', which the IOS command line takes as a request")
    assert keys["gathered"] == []
    assert "Wh?t-Key-12" not in run.stdout
    removals = [f"no set peer {peer}" for peer in FULL_PEERS]  # first: 20 peers at once would be refused
    assert ten.get("failed") is not True
    assert ten["commands"] == [
        "crypto map FULL 10 ipsec-isakmp",
        *removals,
        *(f"set peer {p}" for p in eleven[:10]),
    ]
    assert ten["after"][0]["entries"][0]["peers"] == eleven[:10]
