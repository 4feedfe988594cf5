"""crypto_maps `ikev2_profile` (`set ikev2-profile`) over NETCONF against `refrouter serve`: set, seen the same
way over the CLI, idempotent, and removed by `replaced`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from netconf_harness import NetconfRouter, start_netconf_router
from refrouter_harness import require_refrouter
from test_nc_modules import module, run_matrix

STARTUP = (
    "crypto ikev2 profile PR1\n match identity remote address 192.0.2.2 255.255.255.255\n"
    " authentication remote pre-share\n authentication local pre-share\n"
    "crypto map CMAP 10 ipsec-isakmp\n set peer 192.0.2.2\n match address 101\n"
)
ENTRY = {"seq": 10, "peers": ["192.0.2.2"], "match_address": "101"}


@pytest.fixture
def router(tmp_path: Path) -> Iterator[NetconfRouter]:
    require_refrouter()
    started = start_netconf_router(tmp_path / "router", STARTUP)
    yield started
    started.stop()


def test_ikev2_profile_of_a_map_entry_over_netconf(router: NetconfRouter, tmp_path: Path) -> None:
    with_profile = [{"name": "CMAP", "entries": [{**ENTRY, "ikev2_profile": "PR1"}]}]
    without = [{"name": "CMAP", "entries": [ENTRY]}]
    tasks = [
        module("crypto_maps", state="merged", config=with_profile),
        {**module("crypto_maps", state="gathered"), "delegate_to": "RouterA-cli"},
        module("crypto_maps", state="merged", config=with_profile),
        module("crypto_maps", state="replaced", config=without),
        {**module("crypto_maps", state="gathered"), "delegate_to": "RouterA-cli"},
    ]
    (added, over_cli, again, removed, after_cli), output = run_matrix(router, tmp_path, tasks)
    assert added["changed"] is True, output[-3000:]
    assert "<ikev2-profile>PR1</ikev2-profile>" in added["commands"][0]
    assert over_cli["gathered"] == [
        {"name": "CMAP", "dynamic": False, "entries": [{**ENTRY, "ikev2_profile": "PR1"}]}
    ]
    assert (again["changed"], again["commands"]) == (False, [])
    assert removed["changed"] is True and 'operation="remove"' in removed["commands"][0]
    assert after_cli["gathered"] == [{"name": "CMAP", "dynamic": False, "entries": [ENTRY]}]
