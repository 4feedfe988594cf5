"""The session layer over real SSH with a hand-driven client: hellos, base:1.0 framing, broken input."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from lxml import etree
from nchelpers import NC, NS, NetconfRouter, RawNetconf, hello, rpc, texts

pytest_plugins = ["ncfixtures"]

BASE10 = "urn:ietf:params:netconf:base:1.0"
BASE11 = "urn:ietf:params:netconf:base:1.1"
GET_HOSTNAME = (
    '<get-config><source><running/></source><filter type="subtree">'
    '<native xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-native"><hostname/></native></filter></get-config>'
)


def run(nc: NetconfRouter, scenario: Callable[[RawNetconf], Awaitable[Any]]) -> Any:
    async def body() -> Any:
        client = await RawNetconf.open(nc)
        try:
            return await scenario(client)
        finally:
            await client.close()

    return nc.live.loop.run(body())


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def error_tags(reply: etree._Element) -> list[str]:
    return [str(t) for t in reply.xpath("//nc:rpc-error/nc:error-tag/text()", namespaces=NS)]


def test_base10_only_client_gets_eom_framing_and_a_session_id(nc_router: NetconfRouter) -> None:
    async def scenario(client: RawNetconf) -> tuple[bytes, bytes]:
        server_hello = await client.read_until(b"]]>]]>")
        client.send(hello(BASE10))
        client.send(rpc("7", GET_HOSTNAME) + b"]]>]]>")
        return server_hello, await client.read_until(b"]]>]]>")

    server_hello, reply = run(nc_router, scenario)
    caps = parse(server_hello).xpath("//nc:capability/text()", namespaces=NS)
    assert {BASE10, BASE11, "urn:ietf:params:netconf:capability:writable-running:1.0"} <= set(caps)
    assert "urn:ietf:params:netconf:capability:candidate:1.0" in caps  # with :confirmed-commit:1.1
    assert any(c.startswith("http://cisco.com/ns/yang/Cisco-IOS-XE-crypto?module=Cisco-IOS-XE-crypto&") for c in caps)
    assert parse(server_hello).xpath("//nc:session-id/text()", namespaces=NS)[0].isdigit()
    root = parse(reply)
    assert root.get("message-id") == "7"
    assert root.xpath("//ios:hostname/text()", namespaces=NS) == ["RouterA"]


def test_malformed_xml_is_answered_and_the_session_goes_on(nc_router: NetconfRouter) -> None:
    async def scenario(client: RawNetconf) -> list[bytes]:
        await client.read_until(b"]]>]]>")
        client.send(hello(BASE10))
        replies = []
        for message in (b"<rpc message-id='1' xmlns='" + NC.encode() + b"'><get-config>", rpc("2", GET_HOSTNAME)):
            client.send(message + b"]]>]]>")
            replies.append(await client.read_until(b"]]>]]>"))
        return replies

    broken, fine = run(nc_router, scenario)
    assert error_tags(parse(broken)) == ["malformed-message"]
    assert parse(broken).xpath("//nc:error-type/text()", namespaces=NS) == ["rpc"]
    assert parse(fine).xpath("//ios:hostname/text()", namespaces=NS) == ["RouterA"]


def test_protocol_errors_name_the_culprit(nc_router: NetconfRouter) -> None:
    requests = [
        f'<rpc xmlns="{NC}"><get-config><source><running/></source></get-config></rpc>'.encode(),  # no message-id
        rpc("3", "<get-schema/>"),
        rpc("4", "<copy-config><source><running/></source><target><candidate/></target></copy-config>"),
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
    ]

    async def scenario(client: RawNetconf) -> list[etree._Element]:
        await client.read_until(b"]]>]]>")
        client.send(hello(BASE10))
        replies = []
        for message in requests:
            client.send(message + b"]]>]]>")
            replies.append(parse(await client.read_until(b"]]>]]>")))
        return replies

    no_id, unknown, candidate, doctype = run(nc_router, scenario)
    assert error_tags(no_id) == ["missing-attribute"]
    assert no_id.xpath("//nc:bad-attribute/text()", namespaces=NS) == ["message-id"]
    assert error_tags(unknown) == ["operation-not-supported"]
    assert unknown.get("message-id") == "3"
    assert error_tags(candidate) == ["operation-not-supported"]
    assert error_tags(doctype) == ["malformed-message"]
    assert b"root:" not in etree.tostring(doctype)


def test_broken_chunk_header_ends_only_that_session(nc_router: NetconfRouter) -> None:
    async def scenario(client: RawNetconf) -> bytes:
        await client.read_until(b"]]>]]>")
        client.send(hello(BASE10, BASE11))
        client.send(b"\n#12x\n<rpc/>")
        return await client.read_to_eof()

    tail = run(nc_router, scenario)
    assert b"malformed-message" in tail and tail.startswith(b"\n#")
    with nc_router.connect() as m:
        assert texts(m.get_config("running", filter=("xpath", "/native/hostname")), "//ios:hostname") == ["RouterA"]
    assert nc_router.service.sessions == {}


def test_a_4_gb_chunk_header_gets_too_big_and_ends_only_that_session(nc_router: NetconfRouter) -> None:
    """The declared size is checked before any chunk data is read: the reply comes without the data."""
    async def scenario(client: RawNetconf) -> bytes:
        await client.read_until(b"]]>]]>")
        client.send(hello(BASE10, BASE11) + b"\n#4294967295\n" + b"<rpc" + b" " * 1000)
        return await client.read_to_eof()

    tail = run(nc_router, scenario)
    assert tail.startswith(b"\n#") and tail.endswith(b"\n##\n")
    reply = parse(tail[tail.index(b"\n", 1) + 1 : -len(b"\n##\n")])
    assert error_tags(reply) == ["too-big"]
    assert reply.xpath("//nc:error-type/text()", namespaces=NS) == ["transport"]
    with nc_router.connect() as m:
        assert texts(m.get_config("running", filter=("xpath", "/native/hostname")), "//ios:hostname") == ["RouterA"]
    assert nc_router.service.sessions == {}


def test_a_bad_hello_closes_the_session(nc_router: NetconfRouter) -> None:
    async def scenario(client: RawNetconf) -> bytes:
        await client.read_until(b"]]>]]>")
        client.send(b"<hello xmlns='urn:example'/>]]>]]>")
        return await client.read_to_eof()

    assert run(nc_router, scenario) == b""


def test_chunked_session_after_both_sides_say_base11(nc_router: NetconfRouter) -> None:
    async def scenario(client: RawNetconf) -> bytes:
        await client.read_until(b"]]>]]>")
        message = rpc("9", GET_HOSTNAME)
        client.send(hello(BASE10, BASE11) + b"\n#10\n" + message[:10] + b"\n#%d\n" % (len(message) - 10)
                    + message[10:] + b"\n##\n")
        return await client.read_chunked()

    reply = parse(run(nc_router, scenario))
    assert reply.get("message-id") == "9"
    assert reply.xpath("//ios:hostname/text()", namespaces=NS) == ["RouterA"]


def test_an_operation_bug_becomes_an_rpc_error_and_the_session_goes_on(monkeypatch, caplog) -> None:
    """Fault injection in the transport-neutral session: the first rpc's handler raises, the second works."""
    from refrouter.state.router import Router
    from refrouter.transports.netconf import session as session_module
    from refrouter.transports.netconf.server import NetconfServer

    real_dispatch = session_module.dispatch
    calls: list[str] = []

    def first_call_fails(session, op):
        calls.append("call")
        if len(calls) == 1:
            raise KeyError(secret)
        return real_dispatch(session, op)

    secret = "s3cret"
    monkeypatch.setattr(session_module, "dispatch", first_call_fails)
    written: list[bytes] = []
    session = NetconfServer(Router("R")).open_session("admin", written.append, lambda: None)
    session.start()
    session.feed(hello(BASE10) + rpc("1", GET_HOSTNAME) + b"]]>]]>" + rpc("2", GET_HOSTNAME) + b"]]>]]>")
    failed, answered = (parse(data.removesuffix(b"]]>]]>")) for data in written[1:])
    assert error_tags(failed) == ["operation-failed"] and failed.get("message-id") == "1"
    assert error_tags(answered) == [] and answered.xpath("//*[local-name()='hostname']/text()") == ["R"]
    assert "KeyError" in caplog.text and secret not in caplog.text and not session.closed
