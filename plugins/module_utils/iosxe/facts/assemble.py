# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn parsed show outputs into `ansible_facts.ipsec` (the shape documented in DESIGN.md)."""

from __future__ import annotations

from typing import Any

from ..parsers.registry import merge_data, parse
from .tunnels import tunnel_interfaces

FACT_KEYS = (
    "isakmp_policies",
    "default_policies",
    "transform_sets",
    "default_transform_sets",
    "crypto_maps",
    "isakmp_sa",
    "ipsec_sa",
    "sessions",
    "ikev2_sa",
    "ikev2_session",
    "default_ikev2_proposals",
)
# Commands whose parsed key is renamed in the facts: (parsed key, fact key).
RENAMED = {"show crypto ikev2 proposal default": ("ikev2_proposals", "default_ikev2_proposals")}
FLOWMIB_ISAKMP = ("global", "tunnels", "peers", "history", "failures")
FLOWMIB_IPSEC = ("global", "tunnels", "endpoints", "spis", "history", "failures")


def empty_flowmib() -> dict[str, Any]:
    return {
        "isakmp": {key: ({} if key == "global" else []) for key in FLOWMIB_ISAKMP},
        "ipsec": {key: ({} if key == "global" else []) for key in FLOWMIB_IPSEC},
    }


def assemble(outputs: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Parse every command's output and merge the results; warnings name the command and the line."""
    parsed: list[dict[str, Any]] = []
    warnings: list[str] = []
    states: dict[int, str] = {}
    for command, text in outputs.items():
        result = parse(command, text)
        data = dict(result.data)
        if command in RENAMED:
            parsed_key, fact_key = RENAMED[command]
            data[fact_key] = data.pop(parsed_key)
        if "detail" not in command and command.startswith("show crypto isakmp sa"):
            states = {row["conn_id"]: row["state"] for row in data.pop("isakmp_sa", []) if "conn_id" in row}
        parsed.append(data)
        warnings += [f"{command}: {warning}" for warning in result.warnings]
    merged = merge_data(*parsed)
    for row in merged.get("isakmp_sa", []):
        if row.get("c_id") in states:
            row["state"] = states[row["c_id"]]
    facts: dict[str, Any] = {key: merged[key] for key in FACT_KEYS if key in merged}
    if "interfaces" in merged:
        facts["tunnel_interfaces"] = tunnel_interfaces(merged["interfaces"])
    if any(command.startswith("show crypto mib") for command in outputs):
        flowmib = empty_flowmib()
        for proto, tables in merged.get("flowmib", {}).items():
            flowmib.setdefault(proto, {}).update(tables)
        facts["flowmib"] = flowmib
    return facts, warnings
