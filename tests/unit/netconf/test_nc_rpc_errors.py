"""Pre-shared keys are masked in NETCONF text; rpc-errors read as one line with their reason."""

from __future__ import annotations

import pytest
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.rpc_errors import describe, mask_xml

REPLY = """<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="7">
 <rpc-error>
  <error-type>protocol</error-type><error-tag>lock-denied</error-tag><error-severity>error</error-severity>
  <error-message>Lock failed, lock is already held</error-message><error-info><session-id>3</session-id></error-info>
 </rpc-error>
 <rpc-error>
  <error-type>application</error-type><error-tag>invalid-value</error-tag><error-severity>error</error-severity>
  <error-path>/ios:native/ios:crypto/ios-crypto:isakmp/ios-crypto:key/ios-crypto:key-address-host[ios-crypto:key='Psk-1']/x</error-path>
 </rpc-error>
</rpc-reply>"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<key-address-host>\n  <key>Psk&amp;1</key>", "<key-address-host>\n  <key>********</key>"),
        (
            '<c:key-address-host nc:operation="remove"><c:key>P</c:key></c:key-address-host>',
            '<c:key-address-host nc:operation="remove"><c:key>********</c:key></c:key-address-host>',
        ),
        ("key-address-host[key='a]b']/address", "key-address-host[key='********']/address"),
        ('x:key-address-host[x:key="q"]', 'x:key-address-host[x:key="********"]'),
        ("<policy><key>not a psk</key></policy>", "<policy><key>not a psk</key></policy>"),
    ],
)
def test_mask_xml(text: str, expected: str) -> None:
    assert mask_xml(text) == expected


def test_describe_reads_every_rpc_error_and_masks_paths() -> None:
    assert describe(REPLY) == (
        "rpc-error lock-denied: Lock failed, lock is already held (session-id 3); another NETCONF session holds "
        "the lock on the running datastore; rpc-error invalid-value (path /ios:native/ios:crypto/ios-crypto:isakmp/"
        "ios-crypto:key/ios-crypto:key-address-host[ios-crypto:key='********']/x)"
    )


def test_describe_passes_other_text_through_masked() -> None:
    assert describe("timeout: key-address-host[key='Psk-2']") == "timeout: key-address-host[key='********']"
    assert describe("<ok/>") == "<ok/>"


def test_ikev2_keyring_keys_are_masked() -> None:
    payload = (
        "<peer><name>P</name><pre-shared-key><local-option><key>local-psk</key></local-option>"
        "<remote-option><encryption>0</encryption><key>remote-psk</key></remote-option></pre-shared-key></peer>"
        "<peer><name>Q</name><pre-shared-key><key>shared-psk</key></pre-shared-key></peer>"
    )
    masked = mask_xml(payload)
    assert not any(secret in masked for secret in ("local-psk", "remote-psk", "shared-psk"))
    assert masked.count("<key>********</key>") == 3
