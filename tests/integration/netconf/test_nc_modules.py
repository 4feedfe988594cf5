"""The config modules over ansible.netcommon.netconf against `refrouter serve`, state by state.

Each module runs merged, replaced, overridden and deleted over NETCONF; after every change the same module
gathers the device over network_cli (a second inventory host for the same router, via delegate_to), and
the NETCONF `after` must equal that CLI view; every change is run twice and the second run changes
nothing. Then gathered, rendered (xml and cli), parsed (of the rendered XML) and check mode with diff.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import RunningConfig
from netconf_harness import (
    NetconfRouter,
    cli_facts,
    cli_peer_vars,
    netconf_host_vars,
    run_playbook,
    start_netconf_router,
)
from refrouter_harness import require_refrouter

NC_HOST, CLI_HOST = "RouterA", "RouterA-cli"
ACTION_STATES = ("merged", "replaced", "overridden", "deleted")
PSKS = {"psk_a": "Psk-Alpha-1", "psk_b": "Psk-Bravo-2", "psk_c": "Psk-Charlie-3"}


@dataclass
class Spec:
    startup: str
    configs: dict[str, Any]  # state -> config (None: state without config)
    afters: dict[str, Any]  # state -> expected facts after it (keys masked)
    extra_tasks: list[dict[str, Any]] = field(default_factory=list)
    rendered: Any = None  # config for state=rendered when the merged config is not complete on its own

    @property
    def rendered_config(self) -> Any:
        return self.rendered or self.configs["merged"]


def policy(priority: int, **fields: Any) -> dict[str, Any]:
    defaults = {
        "encryption": "des",
        "hash": "sha",
        "authentication": "rsa-sig",
        "group": 1,
        "lifetime": 86400,
    }
    return {"priority": priority, **defaults, **fields}


SETS = (
    "crypto ipsec transform-set TS1 esp-aes 256 esp-sha256-hmac\n mode tunnel\n"
    "crypto ipsec transform-set TS2 esp-3des esp-sha-hmac\n mode tunnel\n"
)
MAP_10 = {
    "seq": 10,
    "peers": ["192.0.2.1", "192.0.2.2"],
    "match_address": "101",
    "transform_sets": ["TS1", "TS2"],
    "pfs": "group14",
}


def ikev2_peer(name: str, **fields: Any) -> dict[str, Any]:
    keys = ("description", "address", "mask", "hostname", "identity", "pre_shared_key")
    return {"name": name, **dict.fromkeys((*keys, "pre_shared_key_local", "pre_shared_key_remote")), **fields}


MASK = "********"
SPECS: dict[str, Spec] = {
    "ikev2_policies": Spec(
        "crypto ikev2 proposal P1\n encryption aes-cbc-256\n integrity sha256\n group 19\n"
        "crypto ikev2 proposal P2\n encryption aes-cbc-128\n integrity sha1\n group 14\n"
        "crypto ikev2 policy POL\n match address local 192.0.2.1\n proposal P1\n",
        {
            "merged": [{"name": "POL", "proposals": ["P2", "P1"]}, {"name": "NEW", "match_fvrf": "any"}],
            "replaced": [{"name": "POL", "proposals": ["P1"]}],
            "overridden": [{"name": "OTHER", "match_address_local": ["192.0.2.9"], "proposals": ["P2"]}],
            "deleted": None,
        },
        {
            "merged": [
                {
                    "name": "POL",
                    "match_fvrf": None,
                    "match_address_local": ["192.0.2.1"],
                    "proposals": ["P2", "P1"],
                },
                {"name": "NEW", "match_fvrf": "any", "match_address_local": [], "proposals": []},
            ],
            "replaced": [
                {"name": "POL", "match_fvrf": None, "match_address_local": [], "proposals": ["P1"]},
                {"name": "NEW", "match_fvrf": "any", "match_address_local": [], "proposals": []},
            ],
            "overridden": [
                {
                    "name": "OTHER",
                    "match_fvrf": None,
                    "match_address_local": ["192.0.2.9"],
                    "proposals": ["P2"],
                }
            ],
            "deleted": [],
        },
    ),
    "ikev2_keyrings": Spec(
        "crypto ikev2 keyring KR1\n peer HUB\n  address 192.0.2.1\n  pre-shared-key Dev-Key-Old\n",
        {
            "merged": [
                {
                    "name": "KR1",
                    "peers": [
                        {"name": "HUB", "pre_shared_key": "{{ psk_a }}"},
                        {"name": "SPOKE", "address": "192.0.2.2", "pre_shared_key": "{{ psk_b }}"},
                    ],
                }
            ],
            "replaced": [
                {
                    "name": "KR1",
                    "peers": [
                        {
                            "name": "SPOKE",
                            "identity": "fqdn spoke.example",
                            "pre_shared_key_local": "{{ psk_a }}",
                            "pre_shared_key_remote": "{{ psk_c }}",
                        }
                    ],
                }
            ],
            "overridden": [
                {"name": "KR2", "peers": [{"name": "P", "hostname": "p2", "pre_shared_key": "{{ psk_c }}"}]}
            ],
            "deleted": [{"name": "KR2", "peers": [{"name": "P"}]}],
        },
        {
            "merged": [
                {
                    "name": "KR1",
                    "peers": [
                        ikev2_peer("HUB", address="192.0.2.1", pre_shared_key=MASK),
                        ikev2_peer("SPOKE", address="192.0.2.2", pre_shared_key=MASK),
                    ],
                }
            ],
            "replaced": [
                {
                    "name": "KR1",
                    "peers": [
                        ikev2_peer(
                            "SPOKE",
                            identity="fqdn spoke.example",
                            pre_shared_key_local=MASK,
                            pre_shared_key_remote=MASK,
                        )
                    ],
                }
            ],
            "overridden": [{"name": "KR2", "peers": [ikev2_peer("P", hostname="p2", pre_shared_key=MASK)]}],
            "deleted": [{"name": "KR2", "peers": []}],
        },
    ),
    "isakmp_policies": Spec(
        "crypto isakmp policy 10\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n"
        "crypto isakmp policy 20\n encr 3des\n",
        {
            "merged": [
                {"priority": 10, "lifetime": 3600},
                {"priority": 30, "encryption": "aes-192", "hash": "sha384"},
            ],
            "replaced": [{"priority": 10, "encryption": "aes"}],
            "overridden": [
                {"priority": 10, "encryption": "aes"},
                {"priority": 40, "encryption": "3des", "group": 19},
            ],
            "deleted": [{"priority": 40}],
        },
        {
            "merged": [
                policy(
                    10,
                    encryption="aes-256",
                    hash="sha256",
                    authentication="pre-share",
                    group=14,
                    lifetime=3600,
                ),
                policy(20, encryption="3des"),
                policy(30, encryption="aes-192", hash="sha384"),
            ],
            "replaced": [
                policy(10, encryption="aes"),
                policy(20, encryption="3des"),
                policy(30, encryption="aes-192", hash="sha384"),
            ],
            "overridden": [policy(10, encryption="aes"), policy(40, encryption="3des", group=19)],
            "deleted": [policy(10, encryption="aes")],
        },
    ),
    "isakmp_keys": Spec(
        "crypto isakmp key Dev-Key-Old address 192.0.2.1\ncrypto isakmp key Dev-Key-Net address 10.0.0.0 255.0.0.0\n",
        {
            "merged": [
                {"address": "192.0.2.1", "key": "{{ psk_a }}"},
                {"address": "192.0.2.2", "key": "{{ psk_b }}"},
            ],
            "replaced": [{"address": "192.0.2.2", "no_xauth": True}],
            "overridden": [
                {"address": "192.0.2.2"},
                {"address": "198.51.100.7", "key": "{{ psk_c }}"},
            ],
            "deleted": [{"address": "198.51.100.7"}],
        },
        {
            "merged": [
                {"address": "10.0.0.0", "mask": "255.0.0.0", "key": "********"},
                {"address": "192.0.2.1", "key": "********"},
                {"address": "192.0.2.2", "key": "********"},
            ],
            "replaced": [
                {"address": "10.0.0.0", "mask": "255.0.0.0", "key": "********"},
                {"address": "192.0.2.1", "key": "********"},
                {"address": "192.0.2.2", "key": "********", "no_xauth": True},
            ],
            "overridden": [
                {"address": "192.0.2.2", "key": "********"},
                {"address": "198.51.100.7", "key": "********"},
            ],
            "deleted": [{"address": "192.0.2.2", "key": "********"}],
        },
    ),
    "transform_sets": Spec(
        SETS,
        {
            "merged": [
                {"name": "TS1", "mode": "transport"},
                {"name": "GCM", "esp_encryption": "esp-gcm", "key_size": 256},
            ],
            "replaced": [{"name": "TS2", "ah_integrity": "ah-sha256-hmac"}],
            "overridden": [
                {
                    "name": "TS2",
                    "esp_encryption": "esp-aes",
                    "key_size": 192,
                    "esp_integrity": "esp-sha384-hmac",
                }
            ],
            "deleted": None,
        },
        {
            "merged": [
                {
                    "name": "TS1",
                    "esp_encryption": "esp-aes",
                    "key_size": 256,
                    "esp_integrity": "esp-sha256-hmac",
                    "mode": "transport",
                },
                {
                    "name": "TS2",
                    "esp_encryption": "esp-3des",
                    "esp_integrity": "esp-sha-hmac",
                    "mode": "tunnel",
                },
                {"name": "GCM", "esp_encryption": "esp-gcm", "key_size": 256, "mode": "tunnel"},
            ],
            "replaced": [
                {
                    "name": "TS1",
                    "esp_encryption": "esp-aes",
                    "key_size": 256,
                    "esp_integrity": "esp-sha256-hmac",
                    "mode": "transport",
                },
                {"name": "TS2", "ah_integrity": "ah-sha256-hmac", "mode": "tunnel"},
                {"name": "GCM", "esp_encryption": "esp-gcm", "key_size": 256, "mode": "tunnel"},
            ],
            "overridden": [
                {
                    "name": "TS2",
                    "esp_encryption": "esp-aes",
                    "key_size": 192,
                    "esp_integrity": "esp-sha384-hmac",
                    "mode": "tunnel",
                }
            ],
            "deleted": [],
        },
        rendered=[
            {"name": "TS1", "esp_encryption": "esp-aes", "key_size": 256, "esp_integrity": "esp-sha256-hmac"}
        ],
    ),
    "crypto_maps": Spec(
        SETS
        + "crypto dynamic-map DYN 10\n set transform-set TS2\ncrypto map CMAP 10 ipsec-isakmp\n set peer 192.0.2.1\n"
        " set peer 192.0.2.2\n set transform-set TS1 TS2\n set pfs group14\n match address 101\n"
        "interface GigabitEthernet1\n crypto map CMAP\n",
        {
            "merged": [
                {
                    "name": "CMAP",
                    "entries": [{"seq": 20, "dynamic_map": "DYN"}],
                    "interfaces": ["GigabitEthernet2"],
                },
                {"name": "DYN", "dynamic": True, "entries": [{"seq": 10, "sa_lifetime": {"seconds": 1800}}]},
            ],
            "replaced": [
                {
                    "name": "CMAP",
                    "entries": [
                        {**MAP_10, "peers": ["192.0.2.2", "192.0.2.1"], "transform_sets": ["TS2", "TS1"]}
                    ],
                    "interfaces": ["Gi1"],
                },
            ],
            "overridden": [
                {
                    "name": "VPN",
                    "entries": [{"seq": 5, "peers": ["203.0.113.5"], "transform_sets": ["TS1"]}],
                    "interfaces": ["Loopback3"],
                }
            ],
            "deleted": [{"name": "VPN", "interfaces": ["Loopback3"]}],
        },
        {
            "merged": [
                {
                    "name": "DYN",
                    "dynamic": True,
                    "entries": [{"seq": 10, "transform_sets": ["TS2"], "sa_lifetime": {"seconds": 1800}}],
                },
                {
                    "name": "CMAP",
                    "dynamic": False,
                    "entries": [MAP_10, {"seq": 20, "dynamic_map": "DYN"}],
                    "interfaces": ["GigabitEthernet1", "GigabitEthernet2"],
                },
            ],
            "replaced": [
                {
                    "name": "DYN",
                    "dynamic": True,
                    "entries": [{"seq": 10, "transform_sets": ["TS2"], "sa_lifetime": {"seconds": 1800}}],
                },
                {
                    "name": "CMAP",
                    "dynamic": False,
                    "entries": [
                        {**MAP_10, "peers": ["192.0.2.2", "192.0.2.1"], "transform_sets": ["TS2", "TS1"]}
                    ],
                    "interfaces": ["GigabitEthernet1"],
                },
            ],
            "overridden": [
                {
                    "name": "VPN",
                    "dynamic": False,
                    "entries": [{"seq": 5, "peers": ["203.0.113.5"], "transform_sets": ["TS1"]}],
                    "interfaces": ["Loopback3"],
                }
            ],
            "deleted": [
                {
                    "name": "VPN",
                    "dynamic": False,
                    "entries": [{"seq": 5, "peers": ["203.0.113.5"], "transform_sets": ["TS1"]}],
                }
            ],
        },
        [
            # the router rejects a GigabitEthernet it does not have: the edit changes nothing
            {
                "ipsecux.iosxe.crypto_maps": {
                    "config": [
                        {
                            "name": "NEW",
                            "entries": [{"seq": 1, "peers": ["192.0.2.9"]}],
                            "interfaces": ["GigabitEthernet9"],
                        }
                    ]
                },
                "ignore_errors": True,
            },
        ],
    ),
    "crypto_defaults": Spec(
        "",
        {
            "merged": {"isakmp_default_policy": False},
            "replaced": {"isakmp_default_policy": True},
            "overridden": {"isakmp_default_policy": False},
            "deleted": None,
        },
        {
            "merged": {"isakmp_default_policy": False},
            "replaced": {"isakmp_default_policy": True},
            "overridden": {"isakmp_default_policy": False},
            "deleted": {"isakmp_default_policy": True},
        },
        [
            # no YANG node: refused over NETCONF, and network_cli still manages it
            {
                "ipsecux.iosxe.crypto_defaults": {"config": {"ipsec_default_transform_set": False}},
                "ignore_errors": True,
            },
            {
                "ipsecux.iosxe.crypto_defaults": {"config": {"ipsec_default_transform_set": False}},
                "delegate_to": CLI_HOST,
            },
        ],
    ),
}


def module(resource: str, **args: Any) -> dict[str, Any]:
    return {f"ipsecux.iosxe.{resource}": {key: value for key, value in args.items() if value is not None}}


def tasks_for(resource: str, spec: Spec) -> list[dict[str, Any]]:
    tasks = []
    for state in ACTION_STATES:
        change = module(resource, state=state, config=spec.configs[state])
        tasks += [
            {**change, "diff": True},
            {**module(resource, state="gathered"), "delegate_to": CLI_HOST},
            change,
        ]
    rendered = module(resource, state="rendered", config=spec.rendered_config, rendered_format="xml")
    tasks += [
        module(resource, state="gathered"),
        rendered,
        module(resource, state="parsed", running_config=f"{{{{ t{len(tasks) + 1}.rendered[0] }}}}"),
        {
            **module(resource, state="merged", config=spec.configs["overridden"]),
            "check_mode": True,
            "diff": True,
        },
        module(resource, state="gathered"),
    ]
    extra = [module(resource, state="gathered")] if spec.extra_tasks else []
    return tasks + spec.extra_tasks + extra


def canonical(resource: str, facts: Any) -> Any:
    if resource == "crypto_defaults":
        return {"isakmp_default_policy": facts["isakmp_default_policy"]}
    items = [
        {**item, "interfaces": sorted(item["interfaces"])} if item.get("interfaces") else item
        for item in facts
    ]
    return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))


def rendered_xml_facts(resource: str, spec: Spec) -> Any:
    """What `rendered` of the merged config describes: the planner's target on an empty device."""
    item = RESOURCES[resource]
    params = (
        ArgumentSpecValidator(item.spec.ARGUMENT_SPEC)
        .validate({"config": spec.rendered_config})
        .validated_parameters
    )
    context = PlanContext(RunningConfig(), params, offline=True)
    return item.mask(item.planner.resolve(item.want(params), item.empty(), "merged", context))


def cli_view(router: NetconfRouter, resource: str) -> Any:
    """The resource as the CLI parser reads `show running-config` (netmiko), keys masked."""
    return canonical(resource, RESOURCES[resource].mask(getattr(cli_facts(router), resource)))


@pytest.fixture
def router_factory(tmp_path: Path) -> Iterator[Any]:
    require_refrouter()
    routers: list[NetconfRouter] = []

    def start(startup: str) -> NetconfRouter:
        routers.append(start_netconf_router(tmp_path / f"router{len(routers)}", startup))
        return routers[-1]

    yield start
    for router in routers:
        router.stop()


def run_matrix(
    router: NetconfRouter, directory: Path, tasks: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], str]:
    cli = {**cli_peer_vars(router), **PSKS}
    hosts = {NC_HOST: {**cli, **netconf_host_vars(router)}, CLI_HOST: cli}
    results, output = run_playbook(directory, hosts, tasks, [NC_HOST])
    return results[NC_HOST], output


@pytest.mark.parametrize("resource", sorted(SPECS))
def test_state_matrix_over_netconf(router_factory: Any, tmp_path: Path, resource: str) -> None:
    spec = SPECS[resource]
    router = router_factory(spec.startup)
    start = cli_view(router, resource)
    results, output = run_matrix(router, tmp_path, tasks_for(resource, spec))
    previous = start
    for index, state in enumerate(ACTION_STATES):
        change, over_cli, again = results[3 * index : 3 * index + 3]
        assert not change.get("failed"), (state, change.get("msg"))
        assert canonical(resource, change["before"]) == previous, state
        assert canonical(resource, change["after"]) == canonical(resource, spec.afters[state]), state
        assert canonical(resource, over_cli["gathered"]) == canonical(resource, change["after"]), state
        assert change["changed"] is True and len(change["commands"]) == 1, state
        assert change["commands"][0].startswith('<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"'), (
            state
        )
        assert change["diff"]["prepared"].startswith("--- before\n+++ after\n@@ "), state
        assert (again["changed"], again["commands"]) == (False, []), state
        previous = canonical(resource, change["after"])
    gathered, rendered_xml, parsed, check, after_check = results[12:17]
    assert canonical(resource, gathered["gathered"]) == previous
    assert len(rendered_xml["rendered"]) == 1 and rendered_xml["rendered"][0].startswith("<config")
    assert not parsed.get("failed")
    assert canonical(resource, parsed["parsed"]) == canonical(resource, rendered_xml_facts(resource, spec))
    assert check["changed"] is True and len(check["commands"]) == 1
    assert check["diff"]["prepared"].startswith("--- before\n+++ after\n@@ ")
    assert canonical(resource, after_check["gathered"]) == previous  # check mode sent nothing
    for secret in PSKS.values():
        assert secret not in output and secret not in json.dumps(results)
    check_extra_tasks(resource, results[17:], previous, router)


def check_extra_tasks(
    resource: str, results: list[dict[str, Any]], previous: Any, router: NetconfRouter
) -> None:
    if resource == "crypto_maps":
        rejected, final = results
        assert rejected["failed"] is True and "rpc-error invalid-value" in rejected["msg"]
        assert rejected["msg"].endswith("nothing to restore: the configuration is as it was before the task")
        assert rejected["rollback"] == {"commands": [], "restored": True}
        assert canonical(resource, final["gathered"]) == previous
    elif resource == "crypto_defaults":
        refused, over_cli, final = results
        assert refused["failed"] is True and "has no node in the IOS XE 17.18.1 YANG model" in refused["msg"]
        assert over_cli["changed"] is True and over_cli["commands"] == [
            "no crypto ipsec default transform-set"
        ]
        assert final["gathered"] == {"isakmp_default_policy": True}
        assert cli_facts(router).crypto_defaults == {
            "isakmp_default_policy": True,
            "ipsec_default_transform_set": False,
        }
        return
    assert cli_view(router, resource) == previous
