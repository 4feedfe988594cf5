"""Labs shared by the show-command tests (package scope: starting a lab and negotiating takes seconds; the
tests only read them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .showlab import PING, ShowLab, start_seed_lab

FIRST_PING_OK = 4  # `.!!!!`: the first packet starts IKE and is lost
SECOND_PING_REPEAT = 10
PINGS_OK = FIRST_PING_OK + SECOND_PING_REPEAT


@pytest.fixture(scope="package")
def seed_lab(tmp_path_factory: pytest.TempPathFactory, host_key_dir: Path) -> Iterator[ShowLab]:
    """The seed's first example after `ping` (.!!!!) and `ping repeat 10` (all answered) from PagentA."""
    lab = start_seed_lab(tmp_path_factory.mktemp("seedlab"), host_key_dir)
    try:
        first = lab.run("PagentA", PING)
        assert ".!!!!" in first, first
        second = lab.run("PagentA", f"{PING} repeat {SECOND_PING_REPEAT}")
        assert f"Success rate is 100 percent ({SECOND_PING_REPEAT}/{SECOND_PING_REPEAT})" in second, second
        yield lab
    finally:
        lab.close()


@pytest.fixture(scope="package")
def history_lab(tmp_path_factory: pytest.TempPathFactory, host_key_dir: Path) -> Iterator[ShowLab]:
    """Keepalives on, traffic, `clear crypto session` on RouterA, traffic again: every flow-MIB table has rows."""
    lab = start_seed_lab(tmp_path_factory.mktemp("historylab"), host_key_dir, ["crypto isakmp keepalive 10"])
    try:
        assert ".!!!!" in lab.run("PagentA", PING)
        assert lab.run("RouterA", "clear crypto session") == ""
        assert ".!!!!" in lab.run("PagentA", PING)
        yield lab
    finally:
        lab.close()
