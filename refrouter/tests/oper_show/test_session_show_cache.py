"""`show crypto session` reuses its text while nothing it prints from has changed (show/session_show.py):
the cached text must follow every change of tunnels, IKE SAs and configuration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from refrouter.show import session_show
from refrouter.state.router import Router

from .showlab import PEER_B, PING, ShowLab, start_seed_lab

COMMAND = "show crypto session"


@pytest.fixture
def lab(tmp_path: Path, host_key_dir: Path) -> Iterator[ShowLab]:
    lab = start_seed_lab(tmp_path / "lab", host_key_dir)
    try:
        yield lab
    finally:
        lab.close()


def shown_and_fresh(lab: ShowLab) -> tuple[str, str]:
    """The command's output (cached or not) and the text rendered from scratch at the same instant."""

    def read(router: Router) -> str:
        return session_show._crypto_session(router)

    [shown], fresh, _ = lab.capture("RouterA", [COMMAND], read)
    return shown, fresh


def status(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("Session status", "  IKEv1 SA", "        Active"))]


def test_cached_text_follows_tunnels_sas_and_configuration(lab: ShowLab) -> None:
    down, fresh = shown_and_fresh(lab)
    assert down == fresh and status(down) == ["Session status: DOWN", "        Active SAs: 0, origin: crypto map"]
    assert lab.run("RouterA", COMMAND) is lab.run("RouterA", COMMAND)  # unchanged inputs: the kept text

    assert ".!!!!" in lab.run("PagentA", PING)
    up, fresh = shown_and_fresh(lab)
    assert up == fresh
    assert status(up) == [
        "Session status: UP-ACTIVE",
        f"  IKEv1 SA: local 209.165.200.228/500 remote {PEER_B}/500 Active",
        "        Active SAs: 2, origin: crypto map",
    ]

    assert lab.run("RouterA", "clear crypto session") == ""
    cleared, fresh = shown_and_fresh(lab)
    assert cleared == fresh and status(cleared) == ["Session status: DOWN", "        Active SAs: 0, origin: crypto map"]

    assert lab.configure("RouterA", ["interface GigabitEthernet1", "no crypto map testmap"]) == []
    unbound, fresh = shown_and_fresh(lab)
    assert unbound == fresh and "Interface: GigabitEthernet1" not in unbound
