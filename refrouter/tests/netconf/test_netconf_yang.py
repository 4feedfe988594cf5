"""What the server emits, and the payloads the edit tests send, validate against the IOS XE 17.18.1 YANG.

Validator: yanglint (Debian package libyang-tools; 2.1.30 measured) over shared/reference/yang plus
Cisco-IOS-XE-acl, -object-group, ietf-netconf and ietf-netconf-acm 17.18.1 in tests/netconf/yang/.
One yanglint run per data type keeps this quick: `config` (complete running datastores, `must` and
leafrefs included), `get` (filtered replies and crypto-oper-data) and `edit` (edit-config content).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import etree
from nchelpers import CRYPTO, NATIVE, OPER, NetconfRouter, data_content, yanglint
from test_netconf_edit import EDITS
from test_netconf_edit import STARTUP as EDIT_STARTUP
from test_netconf_get import POLICY_SUBTREE
from test_netconf_get import STARTUP as GET_STARTUP

from refrouter.lab.boot import BootableRouter as Router
from refrouter.netconf.datastore import edit_running, running_tree
from refrouter.netconf.edit import DEFAULT_OPERATIONS
from refrouter.netconf.xml import parse_xml, to_bytes
from refrouter.state.oper.clock import ManualClock
from refrouter.state.oper.sa import QM_IDLE, ChildSa, IkeSa, IpsecTunnel, NegotiatedPolicy, ProxyIdent
from refrouter.state.oper.state import OperState

pytest_plugins = ["ncfixtures"]

RICH = """hostname Hub-1
vrf definition RED
 rd 65000:1
crypto engine compliance shield disable
crypto isakmp policy 5
 encr des
crypto isakmp policy 10
 encr aes 192
 hash sha384
 authentication rsa-encr
 group 21
 lifetime 600
crypto isakmp key k1 address 192.0.2.1
crypto isakmp key k1 address 192.0.2.2 255.255.255.255 no-xauth
crypto isakmp key k2 address 10.0.0.0 255.0.0.0
crypto isakmp keepalive 10 3
no crypto isakmp default policy
crypto ipsec transform-set T1 esp-null esp-md5-hmac
crypto ipsec transform-set T2 esp-gmac 192
 mode transport
crypto ipsec transform-set T3 ah-sha512-hmac comp-lzs
crypto ipsec profile VTI
 set transform-set T1 T2
 set pfs group24
 set security-association lifetime kilobytes 4096
crypto dynamic-map DYN 5
 description dynamic peers
 set transform-set T2
 set security-association lifetime seconds 120
 match address 2001
ip access-list extended 2001
 deny udp 10.0.0.0 0.255.255.255 gt 1023 any lt 1024
 permit icmp any host 10.9.9.9
 permit 88 any any
ip access-list standard MGMT
 permit host 10.1.1.1
 deny any log
access-list 1300 permit 172.16.0.0 0.15.255.255
crypto map VPN 10 ipsec-isakmp
 description static peer
 set peer 203.0.113.9
 set pfs
 set transform-set T1
 match address 2001
crypto map VPN 65535 ipsec-isakmp dynamic DYN
crypto map VPN local-address Loopback7
interface Loopback7
 description anchor
 ip address 10.7.7.7 255.255.255.255
interface Tunnel1
 no shutdown
interface GigabitEthernet4
 vrf forwarding RED
 ip address 172.31.0.1 255.255.255.252
 crypto map VPN
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    if shutil.which("yanglint") is None:
        if os.environ.get("CI"):
            pytest.fail("yanglint is required: apt-get install libyang-tools")
        pytest.skip("yanglint (Debian libyang-tools) is not installed")
    return tmp_path


def booted(config: str) -> Router:
    router = Router("R1")
    router.boot(config)
    assert router.boot_errors == []
    return router


def edited_running_trees() -> dict[str, bytes]:
    """The running datastore after each edit of the edit tests (applied in-process to a fresh router)."""
    documents = {}
    for name, edit in EDITS.items():
        router = booted(EDIT_STARTUP)
        config = parse_xml(edit.payload.encode())
        edit_running(router, config, edit.default_operation or DEFAULT_OPERATIONS[0])
        documents[f"edit-{name}"] = to_bytes(running_tree(router))
    return documents


def test_complete_running_datastores_validate(nc_factory, workdir: Path) -> None:  # type: ignore[no-untyped-def]
    documents = {"rich": to_bytes(running_tree(booted(RICH))), "factory": to_bytes(running_tree(booted("")))}
    documents |= edited_running_trees()
    with nc_factory(GET_STARTUP).connect() as m:  # and one as it left the server
        documents["wire-full"] = etree.tostring(data_content(m.get_config("running").xml)[0])
    assert len(documents) == len(EDITS) + 3
    assert yanglint(documents, "config", workdir) == ""


def test_yanglint_rejects_what_the_model_forbids(workdir: Path) -> None:
    tree = running_tree(booted(RICH))
    group = tree.find(f".//{{{CRYPTO}}}policy/{{{CRYPTO}}}group")
    assert group is not None
    group.text = "3"
    assert 'Invalid enumeration value "3"' in yanglint({"broken": to_bytes(tree)}, "config", workdir)


def oper_router(nc: NetconfRouter) -> None:
    """Give the router an OperState with one phase-1 SA and one tunnel (what the IKE engine would record)."""
    oper = OperState(ManualClock())
    policy = NegotiatedPolicy(10, "aes", 256, "sha256", "pre-share", 14, 86400, False)
    oper.ike_sas[1001] = IkeSa(1001, "203.0.113.1", "203.0.113.2", "initiator", 0.0, state=QM_IDLE, policy=policy,
                               established=1.0, expires=86401.0)
    tunnel = IpsecTunnel(
        1, "203.0.113.1", "203.0.113.2", "CMAP", 10, "GigabitEthernet1", ProxyIdent("10.1.0.0", "255.255.0.0"),
        ProxyIdent("10.2.0.0", "255.255.0.0"), "TS", ("esp-aes", "esp-sha256-hmac"), 256, "tunnel", 14, 1001,
        4608000, 3600, 1.0,
    )
    for direction, spi in (("in", 0x1234), ("out", 0xABCD)):
        sa = ChildSa(spi, "esp", direction, 2001, ("esp-aes", "esp-sha256-hmac"), 256, "tunnel", 4608000, 3600, 1.0)
        (tunnel.inbound if direction == "in" else tunnel.outbound).append(sa)
    oper.ipsec_tunnels[1] = tunnel
    nc.router.oper = oper


def test_filtered_replies_and_crypto_oper_data_validate(nc_factory, workdir: Path) -> None:  # type: ignore[no-untyped-def]
    nc = nc_factory(GET_STARTUP)
    oper_router(nc)
    oper_filter = f'<crypto-oper-data xmlns="{OPER}"/>'
    with nc.connect() as m:
        replies = {
            "subtree": m.get_config("running", filter=("subtree", POLICY_SUBTREE)).xml,
            "xpath": m.get_config("running", filter=("xpath", "/native/interface/GigabitEthernet[name='1']")).xml,
            "maps": m.get_config("running", filter=("xpath", "/native/crypto/map")).xml,
            "oper": m.get(filter=("subtree", oper_filter)).xml,
        }
    documents = {f"{name}-{i}": etree.tostring(el) for name, xml_text in replies.items()
                 for i, el in enumerate(data_content(xml_text))}
    oper_doc = documents["oper-0"].decode()
    assert "<sa-id>1001</sa-id>" in oper_doc and "crypto-transform-esp-aes-cbc-256" in oper_doc
    assert "<spi>43981</spi>" in oper_doc and "<interface>GigabitEthernet1</interface>" in oper_doc
    assert yanglint(documents, "get", workdir) == ""


def test_edit_payloads_validate(workdir: Path) -> None:
    documents = {}
    for name, edit in EDITS.items():
        native = parse_xml(edit.payload.encode()).find(f"{{{NATIVE}}}native")
        assert native is not None, name
        documents[name] = to_bytes(native)
    assert yanglint(documents, "edit", workdir) == ""
