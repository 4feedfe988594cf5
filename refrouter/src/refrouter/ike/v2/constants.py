"""RFC 7296 numbers (IANA "IKEv2 Parameters" registry) used by the codec and the engine."""

from __future__ import annotations

from enum import IntEnum

IKE_PORT = 500
VERSION = 0x20  # major 2, minor 0
HEADER_LENGTH = 28
FLAG_INITIATOR = 0x08
FLAG_RESPONSE = 0x20


class Exchange(IntEnum):
    IKE_SA_INIT = 34
    IKE_AUTH = 35
    CREATE_CHILD_SA = 36
    INFORMATIONAL = 37


class Payload(IntEnum):
    NONE = 0
    SA = 33
    KE = 34
    IDI = 35
    IDR = 36
    AUTH = 39
    NONCE = 40
    NOTIFY = 41
    DELETE = 42
    VENDOR = 43
    TSI = 44
    TSR = 45
    SK = 46


class Protocol(IntEnum):
    IKE = 1
    AH = 2
    ESP = 3


class TransformType(IntEnum):
    ENCR = 1
    PRF = 2
    INTEG = 3
    DH = 4
    ESN = 5


class Notify(IntEnum):
    UNSUPPORTED_CRITICAL_PAYLOAD = 1
    INVALID_SYNTAX = 7
    INVALID_MESSAGE_ID = 9
    INVALID_SPI = 11
    NO_PROPOSAL_CHOSEN = 14
    INVALID_KE_PAYLOAD = 17
    AUTHENTICATION_FAILED = 24
    TS_UNACCEPTABLE = 38
    TEMPORARY_FAILURE = 43
    CHILD_SA_NOT_FOUND = 44
    INITIAL_CONTACT = 16384
    NAT_DETECTION_SOURCE_IP = 16388
    NAT_DETECTION_DESTINATION_IP = 16389
    COOKIE = 16390
    USE_TRANSPORT_MODE = 16391
    REKEY_SA = 16393


ERROR_NOTIFY_LIMIT = 16384  # notify types below this are errors (RFC 7296 §3.10.1)


class IdType(IntEnum):
    IPV4_ADDR = 1
    FQDN = 2
    RFC822_ADDR = 3
    KEY_ID = 11


AUTH_SHARED_KEY_MIC = 2
TS_IPV4_ADDR_RANGE = 7
ATTR_KEY_LENGTH = 14  # transform attribute, TV format (AF bit set)
KEY_PAD = b"Key Pad for IKEv2"  # RFC 7296 §2.15
