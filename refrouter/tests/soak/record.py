"""The soak's size (environment variables) and what a run saw: counts, problems, slow answers, probes, pings."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .owned import Owned

REPORTED = 20  # slow answers and problems listed in the report; the rest are counted


def _env_int(name: str, default: int, lowest: int, highest: int) -> int:
    value = int(os.environ.get(name, default))
    if not lowest <= value <= highest:
        raise ValueError(f"{name}={value}: expected {lowest}..{highest}")
    return value


@dataclass(frozen=True)
class SoakSettings:
    sessions: int = 20  # concurrent writer sessions, half CLI (the odd one too), half NETCONF
    steps: int = 120  # changes per writer session; each is followed by 0-2 fuzzed lines or messages
    seconds: int = 60  # writers start no new step after this; the run is bounded by steps and by time
    seed: int = 12
    probe_every: float = 0.5  # seconds between two probes of one probe session
    slow_after: float = 5.0  # an answer slower than this is reported as slow (never asserted on)

    @classmethod
    def from_env(cls) -> SoakSettings:
        return cls(
            sessions=_env_int("REFROUTER_SOAK_SESSIONS", cls.sessions, 2, 200),
            steps=_env_int("REFROUTER_SOAK_STEPS", cls.steps, 1, 100_000),
            seconds=_env_int("REFROUTER_SOAK_SECONDS", cls.seconds, 1, 86_400),
            seed=_env_int("REFROUTER_SOAK_SEED", cls.seed, 0, 2**32),
        )

    @property
    def cli_sessions(self) -> int:
        return (self.sessions + 1) // 2


@dataclass
class SoakRun:
    settings: SoakSettings
    writers: list[Owned] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)  # must not happen: stalls, lost prompts, accepted garbage
    slow: list[str] = field(default_factory=list)  # answers (probes' and writers') slower than slow_after
    probes: dict[str, list[float]] = field(default_factory=dict)  # probe session -> seconds per answer
    unanswered_probes: int = 0
    pings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # spoke -> (received, sent) per round
    baseline_config: str = ""  # the hub's running-config before the writers started
    final_config: str = ""
    crypto_sessions: str = ""  # the hub's `show crypto session` after the concurrent phase
    seconds: float = 0.0  # wall time of the concurrent phase (reported only)

    def timed(self, who: str, what: str, seconds: float) -> None:
        if seconds > self.settings.slow_after:
            self.slow.append(f"{who}: {what} answered after {seconds:.1f} s")

    def slow_probes(self) -> dict[str, int]:
        return {name: sum(s > self.settings.slow_after for s in times) for name, times in self.probes.items()}

    def report(self) -> list[str]:
        s = self.settings
        lines = [
            (f"soak: {s.sessions} writer sessions ({s.cli_sessions} CLI, {s.sessions - s.cli_sessions} NETCONF), "
             f"{s.steps} steps each, seed {s.seed}; concurrent phase {self.seconds:.0f} s (cap {s.seconds} s)"),
            "changes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items())),
        ]
        for name, times in self.probes.items():
            worst = max(times, default=0.0)
            lines.append(f"probe {name}: {len(times)} answered, {self.slow_probes()[name]} slower than "
                         f"{s.slow_after:.0f} s (slowest {worst:.2f} s)")
        lines.append(f"probes unanswered: {self.unanswered_probes}")
        for spoke, rounds in self.pings.items():
            lines.append(f"pings {spoke}: {sum(r for r, _ in rounds)}/{sum(n for _, n in rounds)} answered "
                         f"in {len(rounds)} rounds")
        for label, found in (("slow", self.slow), ("problem", self.problems)):
            lines += [f"{label}: {line}" for line in found[:REPORTED]]
            if len(found) > REPORTED:
                lines.append(f"{label}: ... and {len(found) - REPORTED} more")
        return lines


@dataclass
class SoakOutcome:
    run: SoakRun
    state_dir: Path
    open_to_others: list[str]  # state-dir entries with group/other permission bits, read while the lab ran
    lab_log: str
    saved_config: str  # the hub's startup-config file after the final `write memory` ('' if missing)
