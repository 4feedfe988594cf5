"""Boot is wired by the lab: a state-layer Router loads config text only through the loader it was given."""

from __future__ import annotations

import pytest

from refrouter.lab.boot import BootableRouter
from refrouter.state.router import Router


def test_a_bare_router_boots_to_factory_config_and_refuses_text_it_cannot_load() -> None:
    router = Router("Plain")
    router.boot()
    assert router.running.hostname == "Plain"
    assert router.boot_errors == []
    with pytest.raises(RuntimeError, match="no config loader"):
        router.boot("hostname Other\n")


def test_the_lab_router_loads_seed_text_through_the_cli_and_reports_rejected_lines() -> None:
    router = BootableRouter("R1")
    router.boot("hostname Seeded\ninterface GigabitEthernet1\n ip address 10.0.0.1 255.255.255.0\nbogus line\n")
    assert router.running.hostname == "Seeded"
    assert router.running.interfaces["GigabitEthernet1"].address == "10.0.0.1"
    assert router.running.interfaces["GigabitEthernet1"].shutdown is False
    assert [error.split(":")[0] for error in router.boot_errors] == ["bogus line"]
