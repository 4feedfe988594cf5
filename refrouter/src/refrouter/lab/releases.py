"""The IOS XE releases a lab router can claim to run (`version:` in a lab file).

A release is `17.<train>.<rebuild>` with an optional letter (`17.9.4a`); the router knows the 17.x trains
below, each up to its last rebuild. Behaviour that depends on the release (the 17.11 weak-crypto gate) only
looks at the train, so any known release of a train behaves the same.
"""

from __future__ import annotations

import difflib
import re

# train -> last rebuild (Catalyst 8000V / CSR1000V releases of IOS XE 17)
TRAINS: dict[int, int] = {3: 8, 4: 2, 5: 1, 6: 7, 7: 2, 8: 1, 9: 6, 10: 1, 11: 1, 12: 5, 13: 1, 14: 1,
                          15: 4, 16: 1, 17: 1, 18: 1}
_RELEASE = re.compile(r"^17\.(?P<train>\d+)\.(?P<rebuild>\d+)[a-z]?$")


def known_releases() -> list[str]:
    """Every known release in its usual written form (`17.9.4a`)."""
    return [f"17.{train}.{rebuild}a" for train, last in TRAINS.items() for rebuild in range(1, last + 1)]


def is_known_release(version: str) -> bool:
    match = _RELEASE.match(version)
    if match is None:
        return False
    last = TRAINS.get(int(match["train"]))
    return last is not None and 1 <= int(match["rebuild"]) <= last


def closest_release(version: str) -> str:
    """The known release most like `version` (the default release when nothing is alike)."""
    matches = difflib.get_close_matches(version, known_releases(), n=1, cutoff=0.0)
    return matches[0] if matches else "17.9.4a"
