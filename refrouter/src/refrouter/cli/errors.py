"""Catalogue of every `%`/`ERROR:` message the router prints in a CLI response, with its IOS text.

The command handlers keep their own string literals; refrouter/tests/test_error_catalogue.py scans the
sources and fails when a message literal has no entry here, so this list stays complete. Tools that judge
responses (the collection's error table) are tested against it.

`kind` is "error" (the command was refused or failed) or "notice" (informational, the command took effect).
`mode` is the CLI mode whose command prints it: "exec", "config" (global), "config-if",
"config-crypto-map" (crypto map entries and IPsec profiles), "config-ext-nacl" (access lists),
"config-keyring", "config-isa-prof" (ISAKMP profiles), "config-ikev2" (IKEv2 keyrings, proposals, policies,
profiles), "config-pki" (certificate chains, public key chains), "config-archive", or "any" (every mode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Message:
    name: str
    template: str  # the IOS text; `{field}` stands for a value filled in at run time
    mode: str
    kind: str = "error"
    sample: dict[str, str] = field(default_factory=dict)  # sample values for every field

    def render(self, **values: str) -> str:
        """The message as the router prints it (sample values unless given)."""
        return self.template.format(**{**self.sample, **values})

    @property
    def shape(self) -> str:
        """The template with every field as `{}` (how the source-scanning test compares literals)."""
        return PLACEHOLDER_RE.sub("{}", self.template)


def _m(name: str, template: str, mode: str, kind: str = "error", /, **sample: str) -> Message:
    return Message(name, template, mode, kind, sample)


CATALOGUE: tuple[Message, ...] = (
    # any mode: parser and session
    _m("invalid_input", "% Invalid input detected at '^' marker.", "any"),
    _m("incomplete", "% Incomplete command.", "any"),
    _m("ambiguous", '% Ambiguous command:  "{text}"', "any", text="cr"),
    _m("internal_error", "% Internal error: the command was not completed", "any"),
    # exec
    _m("bad_secrets", "% Bad secrets", "exec"),
    _m("ping_unavailable", "% Ping is not available: this router has no data plane", "exec"),
    _m("nvram_write", "%Error writing nvram:startup-config ({reason})", "exec", reason="Permission denied"),
    _m(
        "nvram_open",
        "%Error opening nvram:/{file} (No such file or directory)",
        "exec",
        file="backup-config",
    ),
    _m(
        "invalid_regex",
        "% Invalid regular expression: {reason}",
        "exec",
        reason="missing ), unterminated subpattern",
    ),
    _m(
        "regex_too_long",
        "% Invalid regular expression: longer than {limit} characters",
        "exec",
        limit="512",
    ),
    _m(
        "regex_backreference",
        "% Invalid regular expression: back-references (\\1 ... \\9) are not supported",
        "exec",
    ),
    _m("routing_table_missing", "% IP routing table {vrf} does not exist", "exec", vrf="BLUE"),
    # exec: files, archive, configure replace, confirmed changes
    _m(
        "file_open",
        "%Error opening {path} ({reason})",
        "exec",
        path="bootflash:/a.cfg",
        reason="No such file or directory",
    ),
    _m(
        "file_delete",
        "%Error deleting {path} ({reason})",
        "exec",
        path="bootflash:/a.cfg",
        reason="No such file or directory",
    ),
    _m(
        "md5_mismatch",
        "%Error verifying ({path}) = {digest}",
        "exec",
        path="bootflash:/a.cfg",
        digest="d41d8cd98f00b204e9800998ecf8427e",
    ),
    _m("archive_off", "%Please turn config archive on", "exec"),
    _m("archive_no_path", "%Archive path is not specified", "exec"),
    _m("no_pending_revert", "%No Rollback Confirmed Change pending", "exec"),
    _m("revert_pending", "%Rollback Confirmed Change is already pending; confirm or revert it first", "exec"),
    # archive sub-mode
    _m("archive_path", "%Error: archive path must name a file on bootflash:", "config-archive"),
    # any configuration sub-mode
    _m(
        "submode_object_removed",
        "% {object} was removed or replaced by another session; the line was not applied",
        "any",
        object="crypto map M 10",
    ),
    # global configuration
    _m(
        "master_key_missing",
        "% WARNING: Master key not configured, password encryption will not take effect",
        "config",
        "notice",
    ),
    _m("master_key_too_short", "% New key must be at least 8 characters long", "config"),
    # the next three are also printed by ISAKMP profile (`vrf`, `keyring`) and crypto map (`set isakmp-profile`)
    # sub-modes; one entry per text
    _m("vrf_missing", "% VRF {vrf} does not exist", "config", vrf="BLUE"),
    _m("keyring_missing", "% Keyring {name} does not exist", "config", name="KR9"),
    _m(
        "keyring_in_use",
        "% Keyring {name} is in use by ISAKMP profile {profile}",
        "config",
        name="KR1",
        profile="IP1",
    ),
    _m("isakmp_profile_missing", "% ISAKMP profile {name} does not exist", "config", name="IP9"),
    _m("isakmp_profile_in_use", "% ISAKMP profile {name} is in use", "config", name="IP1"),
    _m("hostname_illegal", "% Hostname contains one or more illegal characters.", "config"),
    _m("physical_interface_removal", "% Removal of physical interfaces is not permitted", "config"),
    _m("vrf_not_configured", "% VRF {vrf} not configured", "config", vrf="BLUE"),
    _m("no_matching_route", "%No matching route to delete", "config"),
    _m("inconsistent_address_mask", "%Inconsistent address and mask", "config"),
    _m("invalid_mask", "%Invalid mask", "config"),
    _m("no_such_key", "% No such key configured.", "config"),
    _m(
        "type6_unreadable",
        "% Invalid encrypted key: it does not decrypt with the configured master key",
        "config",
    ),
    _m("transform_set_missing", "% transform set {name} does not exist", "config", name="TS9"),
    _m(
        "new_map_note",
        "% NOTE: This new crypto map will remain disabled until a peer\n"
        "        and a valid access list have been configured.",
        "config",
        "notice",
    ),
    _m("acl_invalid_name", "% Invalid access list name.", "config"),
    _m(
        "acl_other_kind",
        "% A named {kind} IP access list with this name already exists",
        "config",
        kind="standard",
    ),
    # keyrings and ISAKMP profiles
    _m("keyring_invalid_mask", "% Invalid mask", "config-keyring"),
    _m("no_such_identity", "% No such identity configured.", "config-isa-prof"),
    # access list entries
    _m("acl_duplicate_seq", "% Duplicate sequence number", "config-ext-nacl"),
    # interface
    _m(
        "bad_mask_prefix",
        "% Bad mask /{mask} for address {address}",
        "config-if",
        mask="33",
        address="192.0.2.1",
    ),
    _m(
        "bad_mask",
        "% Bad mask {mask} for address {address}",
        "config-if",
        mask="255.255.255.0",
        address="192.0.2.0",
    ),
    _m(
        "overlap",
        "% {network} overlaps with {interface}",
        "config-if",
        network="192.0.2.0/24",
        interface="GigabitEthernet2",
    ),
    _m("if_vrf_not_configured", "% VRF {vrf} not configured.", "config-if", vrf="BLUE"),
    _m(
        "vrf_removes_address",
        "% Interface {interface} IPv4 disabled and address(es) removed due to enabling VRF {vrf}",
        "config-if",
        "notice",
        interface="GigabitEthernet1",
        vrf="BLUE",
    ),
    # crypto map entries
    _m("max_peers", "% Maximum number of peers reached", "config-crypto-map"),
    _m(
        "not_a_peer", "% {address} is not a peer of this crypto map", "config-crypto-map", address="192.0.2.9"
    ),
    _m(
        "map_ikev2_profile_missing", "% IKEv2 profile {name} does not exist", "config-crypto-map", name="V2P9"
    ),
    _m(
        "transform_set_tag_missing",
        'ERROR: transform set with tag "{name}" does not exist.',
        "config-crypto-map",
        name="TS9",
    ),
    # IKEv2 (global config and its sub-modes); `% VRF X not configured` is vrf_not_configured's text
    _m("ikev2_object_missing", "% IKEv2 {kind} {name} does not exist", "config", kind="proposal", name="P9"),
    _m(
        "ikev2_proposal_in_use",
        "% IKEv2 proposal {name} is in use by policy {policy}",
        "config",
        name="V2PROP",
        policy="V2POL",
    ),
    _m(
        "ikev2_keyring_in_use",
        "% Keyring {name} is in use by profile {profile}",
        "config",
        name="V2KR",
        profile="V2PR",
    ),
    _m(
        "ikev2_peer_missing",
        "% Peer {name} does not exist in keyring {keyring}",
        "config-ikev2",
        name="P9",
        keyring="V2KR",
    ),
    # PKI, RSA keys, GETVPN
    _m("trustpoint_missing", "% Trustpoint {name} does not exist", "config", name="TP9"),
    _m("cert_server_missing", "% Certificate server {name} does not exist", "config", name="CS9"),
    _m("certificate_missing", "% Certificate {serial} not found", "config-pki", serial="09"),
    _m("pubkey_missing", "% Key {name} not found", "config-pki", name="K9"),
    _m("pki_bad_hex", "% Invalid hex data, the entry was discarded", "config-pki"),
    _m("domain_name_missing", "% Please define a domain-name first.", "config"),
    _m("rsa_keypair_missing", "% RSA keypair {label} not found", "config", label="K9"),
    _m("rsa_modulus", "% The key modulus size is {bits} bits", "config", "notice", bits="2048"),
    _m(
        "rsa_generating",
        "% Generating {bits} bit RSA keys, keys will be {how}...",
        "config",
        "notice",
        bits="2048",
        how="non-exportable",
    ),
    _m("gdoi_group_missing", "% GDOI group {name} does not exist", "config", name="G9"),
    # tunnel interfaces (`tunnel protection`, NHRP) and GDOI `sa ipsec N` (`profile`)
    _m("ipsec_profile_missing", "% IPSEC profile {name} does not exist", "config-if", name="IPP9"),
    _m("nhrp_auth_too_long", "% NHRP authentication string must be at most 8 characters", "config-if"),
    # prefixes the session uses to tell notices from errors (`% Warning: ...` as IOS prints it)
    _m("warning", "% Warning: {text}", "any", "notice", text="this command is deprecated"),
    _m("warning_upper", "% WARNING: {text}", "any", "notice", text="this command is deprecated"),
)

BY_NAME = {message.name: message for message in CATALOGUE}
