"""Reading the flow-MIB show outputs back in the tests: `vrf NAME` blocks of `Label: value` records."""

from __future__ import annotations

import re

Record = list[tuple[str, str]]
_COUNTERS = re.compile(r"#pkts (\w+): (\d+)")


def vrf_records(text: str, start: str) -> dict[str, list[Record]]:
    """VRF name -> records; a record begins at each `start` label (e.g. `Index`, `Reason`)."""
    blocks: dict[str, list[Record]] = {}
    records: list[Record] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("vrf "):
            records = blocks.setdefault(stripped[4:], [])
            continue
        label, _, value = stripped.partition(":")
        if label == start or not records:
            records.append([])
        records[-1].append((label.strip(), value.strip()))
    return blocks


def fields(record: Record) -> dict[str, str]:
    """Label -> value; a label printed twice in one record (IPsec tunnel rows) keeps its first value."""
    values: dict[str, str] = {}
    for label, value in record:
        values.setdefault(label, value)
    return values


def number(record: Record, label: str) -> int:
    return int(fields(record)[label])


def only(text: str, start: str, vrf: str = "Global") -> dict[str, str]:
    """The single record of one VRF."""
    [record] = vrf_records(text, start)[vrf]
    return fields(record)


def sa_counters(ipsec_sa_text: str) -> dict[str, int]:
    """`#pkts encaps: 4, ...` of a one-flow `show crypto ipsec sa` output."""
    return {name: int(value) for name, value in _COUNTERS.findall(ipsec_sa_text)}
