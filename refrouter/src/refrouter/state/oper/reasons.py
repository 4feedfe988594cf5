"""Flow-MIB reason enumerations and the text the CLI prints for them.

Enumerations are CISCO-IPSEC-FLOW-MONITOR-MIB's. Only two texts are verified (the seed guide prints
`peer lost` and `Operation request`); every other text is this router's choice.
"""

from __future__ import annotations

# cikeTunHistTermReason / cipSecTunHistTermReason
IKE_HISTORY_REASONS = {
    "other": 1, "normal": 2, "operRequest": 3, "peerDelRequest": 4, "peerLost": 5, "localFailure": 6,
    "checkPointReg": 7,
}
IPSEC_HISTORY_REASONS = {
    "other": 1, "normal": 2, "operRequest": 3, "peerDelRequest": 4, "peerLost": 5, "seqNumRollOver": 6,
    "checkPointReq": 7,
}
# cikeFailReason / cipSecFailReason
IKE_FAILURE_REASONS = {
    "other": 1, "peerDelRequest": 2, "peerLost": 3, "localFailure": 4, "authFailure": 5, "hashValidation": 6,
    "encryptFailure": 7, "internalError": 8, "sysCapExceeded": 9, "proposalFailure": 10,
    "peerCertUnavailable": 11, "peerCertNotValid": 12, "localCertExpired": 13, "crlFailure": 14,
    "peerEncodingError": 15, "nonExistentSa": 16, "operRequest": 17,
}
IPSEC_FAILURE_REASONS = {
    "other": 1, "internalError": 2, "peerEncodingError": 3, "proposalFailure": 4, "protocolUseFail": 5,
    "nonExistentSa": 6, "decryptFailure": 7, "encryptFailure": 8, "inAuthFailure": 9, "outAuthFailure": 10,
    "compression": 11, "sysCapExceeded": 12, "peerDelRequest": 13, "peerLost": 14, "seqNumRollOver": 15,
    "operRequest": 16,
}

REASON_TEXT = {
    "peerLost": "peer lost",  # seed guide (isakmp failure and history)
    "operRequest": "Operation request",  # seed guide (ipsec failure and history)
    "other": "other",
    "normal": "normal",
    "peerDelRequest": "peer delete request",
    "localFailure": "local failure",
    "checkPointReg": "checkpoint request",
    "checkPointReq": "checkpoint request",
    "seqNumRollOver": "sequence number rollover",
    "authFailure": "authentication failure",
    "hashValidation": "hash validation failure",
    "encryptFailure": "encryption failure",
    "internalError": "internal error",
    "sysCapExceeded": "system capacity exceeded",
    "proposalFailure": "proposal failure",
    "peerCertUnavailable": "peer certificate unavailable",
    "peerCertNotValid": "peer certificate not valid",
    "localCertExpired": "local certificate expired",
    "crlFailure": "CRL failure",
    "peerEncodingError": "peer encoding error",
    "nonExistentSa": "non-existent SA",
    "protocolUseFail": "protocol use failure",
    "decryptFailure": "decryption failure",
    "inAuthFailure": "inbound authentication failure",
    "outAuthFailure": "outbound authentication failure",
    "compression": "compression failure",
}
VERIFIED_REASON_TEXTS = frozenset({"peerLost", "operRequest"})

# A tunnel that ends for any reason but `normal` also leaves a failure row with this reason
# (the seed guide shows matching `peer lost` history and failure rows).
HISTORY_TO_IKE_FAILURE = {
    "operRequest": "operRequest", "peerDelRequest": "peerDelRequest", "peerLost": "peerLost",
    "localFailure": "localFailure", "other": "other",
}
HISTORY_TO_IPSEC_FAILURE = {
    "operRequest": "operRequest", "peerDelRequest": "peerDelRequest", "peerLost": "peerLost",
    "seqNumRollOver": "seqNumRollOver", "other": "other",
}


def reason_text(reason: str) -> str:
    return REASON_TEXT[reason]
