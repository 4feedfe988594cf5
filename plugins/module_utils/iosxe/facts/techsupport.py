# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`show tech-support ipsec` → masked sections, parsed sections, unparsed list (and the masked raw text)."""

from __future__ import annotations

from typing import Any

from ..mask import mask_text
from ..parsers.registry import parse

PREAMBLE = "preamble"


def collect(text: str) -> dict[str, Any]:
    """The module result; `_raw` (the masked whole text) is for the action plugin's `dest` file only."""
    masked = mask_text(text)
    result = parse("show tech-support ipsec", masked)
    data = result.data
    return {
        "sections": data.get("sections", {}),
        "order": list(data.get("sections", {})),
        "parsed": data.get("parsed", {}),
        "unparsed": data.get("unparsed", []),
        "warnings": list(result.warnings),
        "_raw": masked,
    }
