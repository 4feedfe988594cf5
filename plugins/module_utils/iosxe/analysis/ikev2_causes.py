# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which IKEv2 failure a syslog or debug line of IOS reports.

IOS logs a failed IKEv2 negotiation as `%IKEV2-3-NEG_ABORT: Negotiation aborted due to ERROR: <text>` and, with
`debug crypto ikev2`, prints the RFC 7296 notify it sends or receives (`NOTIFY(NO_PROPOSAL_CHOSEN)`). The
texts below are matched as lower-case substrings; docs/roles.md lists where each comes from. The first cause
whose text a line holds wins, so the more specific texts come first.
"""

from __future__ import annotations

import re

# cause id -> texts that report it
IKEV2_CAUSE_TEXTS: dict[str, tuple[str, ...]] = {
    "ikev2_ts_unacceptable": ("ts_unacceptable", "traffic selectors are unacceptable"),
    "ikev2_no_matching_profile": ("failed to locate an item in the database", "no matching profile"),
    "ikev2_authentication_failed": (
        "authentication_failed",
        "auth exchange failed",
        "authentication data failed",
        "failed to locate the pre-shared key",
    ),
    "ikev2_no_proposal_chosen": (
        "no_proposal_chosen",
        "failed to find a matching proposal",
        "failed to find a matching policy",
    ),
}
IKEV2_LINE_RE = re.compile(r"%IKEV2-|IKEv2", re.IGNORECASE)
IPV4_RE = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")


def ikev2_cause(line: str) -> str | None:
    """The cause id an IKEv2 line reports, None for any other line."""
    if not IKEV2_LINE_RE.search(line):
        return None
    lowered = line.lower()
    return next(
        (cause for cause, texts in IKEV2_CAUSE_TEXTS.items() if any(text in lowered for text in texts)), None
    )


def concerns(line: str, peer: str) -> bool:
    """A line concerns the tunnel to `peer` when it names that address, or names no address at all
    (`NEG_ABORT` names none; it then counts for every tunnel of the router that is down)."""
    addresses = IPV4_RE.findall(line)
    return peer in addresses or not addresses
