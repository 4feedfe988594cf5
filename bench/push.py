"""Figure 1: one site-to-site configuration pushed to N routers, our modules against cisco.ios.ios_config.

Both push the same objects (ISAKMP policy, key, transform set, crypto ACL, crypto map and its binding) to
routers fresh from provisioning. Reported: wall time of the playbook, and per device the SSH connections,
CLI commands (one round trip each: network_cli waits for the prompt) and bytes, counted at the router.
`measure` also runs each playbook a second time, for figure 2, and returns every run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import site_config
from ansible_run import PlaybookRun, run_playbook
from common import Row
from lab import LabHost, stats_delta

SETTLE = 0.5  # seconds for the last persistent connections to close before the counters are read


@dataclass
class Measured:
    run: PlaybookRun
    per_device: dict[str, float]  # mean growth of each router counter


@dataclass
class PushRuns:
    routers: int
    ours: Measured
    ours_again: Measured
    ios: Measured
    ios_again: Measured


def _measured(lab: LabHost, name: str, plays: list[dict], network_os: str) -> Measured:
    routers = list(lab.ports)
    before = lab.stats()
    run = run_playbook(lab, name, plays, network_os)
    time.sleep(SETTLE)
    if run.failed:
        raise RuntimeError(f"playbook {name}: {run.failed} failed task(s); see {lab.workdir / name}")
    return Measured(run, stats_delta(before, lab.stats(), routers))


def measure(lab: LabHost) -> PushRuns:
    ours = _measured(lab, "ours", site_config.ours(), "ipsecux.iosxe.iosxe")
    ours_again = _measured(lab, "ours_again", site_config.ours(), "ipsecux.iosxe.iosxe")
    lab.call("reset", routers=list(lab.ports))
    ios = _measured(lab, "ios_config", site_config.ios_config(), "cisco.ios.ios")
    ios_again = _measured(lab, "ios_config_again", site_config.ios_config(), "cisco.ios.ios")
    return PushRuns(len(lab.ports), ours, ours_again, ios, ios_again)


WALL_GOAL, ROUND_TRIP_GOAL = 0.6, 15  # issue #18: <= 0.6x ios_config's wall time, <= 15 round trips per device


def rows(runs: PushRuns) -> list[Row]:
    peer = "cisco.ios.ios_config"
    figure = f"1 push x{runs.routers}"
    ours, ios = runs.ours, runs.ios
    wall = Row(figure, "playbook wall time", ours.run.seconds, ios.run.seconds, "s", peer,
               extra={"changed": ours.run.changed, "peer_changed": ios.run.changed})
    trips = Row(figure, "round trips per device", ours.per_device["round_trips"], ios.per_device["round_trips"],
                "", peer, note="reads of new input at the router (a batch of lines in one write is one)")
    return [
        wall.held_to(f"<= {WALL_GOAL}x", ours.run.seconds <= WALL_GOAL * ios.run.seconds),
        trips.held_to(f"<= {ROUND_TRIP_GOAL}", ours.per_device["round_trips"] <= ROUND_TRIP_GOAL),
        Row(figure, "CLI lines per device", ours.per_device["commands"], ios.per_device["commands"], "",
            peer, note="CLI lines executed, counted at the router"),
        Row(figure, "SSH connections per device", ours.per_device["connections"], ios.per_device["connections"],
            "", peer),
        Row(figure, "bytes per device", ours.per_device["bytes_in"] + ours.per_device["bytes_out"],
            ios.per_device["bytes_in"] + ios.per_device["bytes_out"], "B", peer),
    ]
