"""One NETCONF session: hello exchange, framing switch, `<rpc>` parsing and `<rpc-reply>` building.

Transport-neutral: bytes come in through `feed()`, replies leave through the `write` callback, and the
`abort` callback tears the transport down (kill-session). Framing errors (`malformed-message`), a message over
the size limit (`too-big`) and a bad hello end the session; malformed XML in an `<rpc>` gets a
`malformed-message` reply and the session goes on.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from lxml import etree

from ...netconf.errors import RpcError
from ...netconf.operations import dispatch
from ...netconf.xml import (
    ACL_NS,
    BASE_NS,
    CISCO_IA_NS,
    CRYPTO_NS,
    CRYPTO_OPER_NS,
    NATIVE_NS,
    Element,
    elements,
    new,
    parse_xml,
    qn,
    split_tag,
    sub,
    to_bytes,
)
from ...state.router import Router
from .framing import ChunkedDecoder, EomDecoder, FramingError, MessageTooBig, encode_chunked, encode_eom

if TYPE_CHECKING:
    from .server import NetconfServer

log = logging.getLogger(__name__)

BASE_1_0 = "urn:ietf:params:netconf:base:1.0"
BASE_1_1 = "urn:ietf:params:netconf:base:1.1"
CAPABILITIES = (
    BASE_1_0,
    BASE_1_1,
    "urn:ietf:params:netconf:capability:writable-running:1.0",
    "urn:ietf:params:netconf:capability:candidate:1.0",
    "urn:ietf:params:netconf:capability:confirmed-commit:1.1",
    "urn:ietf:params:netconf:capability:validate:1.1",
    "urn:ietf:params:netconf:capability:rollback-on-error:1.0",
    "urn:ietf:params:netconf:capability:startup:1.0",
    "urn:ietf:params:netconf:capability:xpath:1.0",
    f"{NATIVE_NS}?module=Cisco-IOS-XE-native&revision=2025-07-01",
    f"{CRYPTO_NS}?module=Cisco-IOS-XE-crypto&revision=2025-07-01",
    f"{ACL_NS}?module=Cisco-IOS-XE-acl&revision=2025-03-01",
    f"{CRYPTO_OPER_NS}?module=Cisco-IOS-XE-crypto-oper&revision=2023-07-01",
    f"{CISCO_IA_NS}?module=cisco-ia&revision=2024-07-01",
    f"{BASE_NS}?module=ietf-netconf&revision=2011-06-01&features=writable-running,candidate,confirmed-commit,"
    "rollback-on-error,validate,xpath",
)


def server_hello(session_id: int) -> bytes:
    hello = new("hello", BASE_NS)
    caps = sub(hello, "capabilities")
    for capability in CAPABILITIES:
        sub(caps, "capability", capability)
    sub(hello, "session-id", session_id)
    return to_bytes(hello)


class NetconfSession:
    def __init__(
        self,
        server: NetconfServer,
        session_id: int,
        user: str,
        write: Callable[[bytes], None],
        abort: Callable[[], None],
    ) -> None:
        self.server = server
        self.id = session_id
        self.user = user
        self._write = write
        self._abort = abort
        self.decoder: EomDecoder | ChunkedDecoder = EomDecoder()
        self.chunked = False
        self.hello_done = False
        self.closing = False  # close-session answered: stop after this reply
        self.closed = False

    @property
    def router(self) -> Router:
        return self.server.router

    def start(self) -> None:
        self._write(encode_eom(server_hello(self.id)))

    def feed(self, data: bytes) -> None:
        if self.closed:
            return
        self.decoder.feed(data)
        try:
            while not self.closed and not self.closing:
                message = self.decoder.next_message()
                if message is None:
                    return
                if self.hello_done:
                    self._on_rpc(message)
                else:
                    self._on_hello(message)
        except MessageTooBig as exc:
            self._send(self._reply(None, [RpcError("too-big", str(exc)).to_xml()]))
            self.close()
        except FramingError as exc:
            self._send(self._reply(None, [RpcError("malformed-message", f"framing error: {exc}").to_xml()]))
            self.close()

    def close(self) -> None:
        """Stop handling input; the transport closes once the last reply is flushed."""
        self.closed = True

    def abort(self) -> None:
        """End the session from outside (kill-session): close the transport now."""
        if not self.closed:
            self.closed = True
            self._abort()

    # ------------------------------------------------------------------ hello

    def _on_hello(self, message: bytes) -> None:
        try:
            hello = parse_xml(message)
        except etree.XMLSyntaxError:
            self.close()
            return
        caps = {(c.text or "").strip() for c in hello.iter(qn(BASE_NS, "capability"))}
        if hello.tag != qn(BASE_NS, "hello") or hello.find(qn(BASE_NS, "session-id")) is not None:
            self.close()
            return
        if BASE_1_1 in caps:
            rest = bytes(self.decoder.buffer)
            self.decoder, self.chunked = ChunkedDecoder(), True
            self.decoder.feed(rest)
        elif BASE_1_0 not in caps:
            self.close()
            return
        self.hello_done = True

    # ------------------------------------------------------------------ rpc

    def _on_rpc(self, message: bytes) -> None:
        try:
            rpc = parse_xml(message)
        except etree.XMLSyntaxError as exc:
            self._send(self._reply(None, [RpcError("malformed-message", f"malformed XML: {exc}").to_xml()]))
            return
        if rpc.tag != qn(BASE_NS, "rpc"):
            error = RpcError("malformed-message", "expected an <rpc> element", info={"bad-element": rpc.tag})
            self._send(self._reply(None, [error.to_xml()]))
            return
        content = self._run(rpc)
        if self.router.check_management() is not None:
            return  # the reply would travel the path this edit just cut (docs/refrouter-files.md)
        self._send(self._reply(rpc, content))
        if self.closing:
            self.close()

    def _run(self, rpc: Element) -> list[Element]:
        if rpc.get("message-id") is None:
            error = RpcError("missing-attribute", "message-id is required",
                             info={"bad-attribute": "message-id", "bad-element": "rpc"}, error_type="rpc")
            return [error.to_xml()]
        ops = elements(rpc)
        if len(ops) != 1:
            return [RpcError("malformed-message", "an <rpc> carries exactly one operation").to_xml()]
        try:
            return dispatch(self, ops[0])
        except RpcError as exc:
            return [exc.to_xml()]
        except Exception as exc:  # a handler bug must not end the session
            # the stack only: the exception text may quote a PSK from the request
            log.error("rpc %s failed with %s\n%s", split_tag(ops[0])[1], type(exc).__name__,
                      "".join(traceback.format_tb(exc.__traceback__)))
            return [RpcError("operation-failed", "internal error").to_xml()]

    def _reply(self, rpc: Element | None, content: list[Element]) -> Element:
        reply = etree.Element(qn(BASE_NS, "rpc-reply"), nsmap={None: BASE_NS, **_extra_ns(rpc)})
        for name, value in (rpc.attrib.items() if rpc is not None else ()):
            reply.set(name, value)
        for el in content:
            reply.append(el)
        return reply

    def _send(self, reply: Element) -> None:
        data = to_bytes(reply)
        self._write(encode_chunked(data) if self.chunked else encode_eom(data))


def _extra_ns(rpc: Element | None) -> dict[str, str]:
    """Keep the rpc's prefixed namespace declarations, so copied attributes stay resolvable."""
    return {p: ns for p, ns in (rpc.nsmap.items() if rpc is not None else ()) if p}
