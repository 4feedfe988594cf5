"""Syslog messages of the IKEv2 engine, with where each text comes from.

Mnemonics IKEV2-5-SA_UP, IKEV2-5-SA_DOWN and IKEV2-3-NEG_ABORT appear in public SIEM mappings of IOS logs;
the text after the mnemonic is not from a capture and is marked unverified (change it here).
"""

from __future__ import annotations

from refrouter.ike.logmsg import LogSpec

MESSAGES = {
    "initiate": LogSpec(
        "IKEV2", 5, "OSAL_INITIATE_TUNNEL",
        "Received request to establish an IPsec tunnel; local traffic selector = {local_ts} ; remote traffic "
        "selector = {remote_ts}", "wording from public device logs as remembered; unverified"),
    "sa_up": LogSpec(
        "IKEV2", 5, "SA_UP", "SA UP: local {local} remote {peer}",
        "mnemonic: public SIEM mapping; text unverified"),
    "sa_down": LogSpec(
        "IKEV2", 5, "SA_DOWN", "SA DOWN: local {local} remote {peer} reason {reason}",
        "mnemonic: public SIEM mapping; text unverified"),
    "neg_abort": LogSpec(
        "IKEV2", 3, "NEG_ABORT", "Negotiation aborted due to ERROR: {error}",
        "mnemonic: public SIEM mapping; text unverified"),
}

ERRORS = {  # the {error} of NEG_ABORT per failure outcome (unverified wording)
    "NO_PROPOSAL_CHOSEN": "Failed to find a matching proposal",
    "AUTHENTICATION_FAILED": "Auth exchange failed",
    "TS_UNACCEPTABLE": "Traffic selectors are unacceptable",
    "NO_POLICY": "Failed to find a matching policy",
    "NO_PROFILE": "Failed to locate an item in the database",
    "NO_KEY": "Failed to locate the pre-shared key",
    "PEER_LOST": "Maximum number of retransmissions reached",
}


def render(key: str, **fields: object) -> tuple[str, int, str, str]:
    """(facility, severity, mnemonic, text), the tuple SyslogBuffer.emit() takes."""
    spec = MESSAGES[key]
    return spec.facility, spec.severity, spec.mnemonic, spec.template.format(**fields)
