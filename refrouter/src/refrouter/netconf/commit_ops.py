"""The candidate's operations (RFC 6241 8.3, 8.4, 8.6): `commit` (confirmed, confirm-timeout, persist,
persist-id), `cancel-commit`, `discard-changes` and `validate`."""

from __future__ import annotations

from .candidate import ConfirmedCommit, apply_commit, checked
from .errors import RpcError, bad_element
from .rpc_context import RpcSession
from .types import UINT32
from .xml import BASE_NS, Element, child, elements, local, new, text_of

DEFAULT_CONFIRM_TIMEOUT = 600  # seconds (RFC 6241)


def _ok() -> list[Element]:
    return [new("ok", BASE_NS)]


def _confirm_timeout(op: Element) -> int:
    value = text_of(op, "confirm-timeout")
    if value is None:
        return DEFAULT_CONFIRM_TIMEOUT
    if UINT32.check(value) is not None or int(value) == 0:
        raise bad_element("invalid-value", "confirm-timeout", "confirm-timeout is a number of seconds from 1")
    return int(value)


def _not_locked_by_another(session: RpcSession, owner: int | None, datastore: str) -> None:
    if owner is not None and owner != session.id:
        raise RpcError("in-use", f"the {datastore} datastore is locked by session {owner}",
                       info={"session-id": str(owner)})


def _may_settle(session: RpcSession, pending: ConfirmedCommit, persist_id: str | None) -> None:
    """Who may confirm, extend or cancel a confirmed commit (RFC 6241 8.4.5.1)."""
    if pending.persist is not None:
        if persist_id != pending.persist:
            raise bad_element("invalid-value", "persist-id",
                              "the confirmed commit was given a persist token: name it in <persist-id>")
    elif persist_id is not None:
        raise bad_element("invalid-value", "persist-id", "the confirmed commit has no persist token")
    elif session.id != pending.session_id:
        raise RpcError("in-use", f"the confirmed commit of session {pending.session_id} can only be confirmed "
                       "there", info={"session-id": str(pending.session_id)})


def commit(session: RpcSession, op: Element) -> list[Element]:
    server, router = session.server, session.router
    store = server.candidate
    _not_locked_by_another(session, server.lock_owner, "running")
    confirmed, persist = child(op, "confirmed") is not None, text_of(op, "persist")
    timeout = _confirm_timeout(op)
    if not confirmed and (persist is not None or child(op, "confirm-timeout") is not None):
        raise bad_element("missing-element", "confirmed", "confirm-timeout and persist go with <confirmed/>")
    pending = store.pending_commit(router)
    persist_id = text_of(op, "persist-id")
    if pending is not None:
        _may_settle(session, pending, persist_id)
    elif persist_id is not None:
        raise bad_element("invalid-value", "persist-id", "no confirmed commit is pending")
    config = checked(router, store.native(router))  # refused before anything is armed or changed
    if confirmed:
        _arm(session, pending, timeout, persist)
    elif pending is not None:
        server.revert.confirm(session.user)
        store.confirmed = None
    if apply_commit(router, config, store):
        router.logs.log(f"%DMI-5-CONFIG_I: R0/0: dmiauthd: Configured from NETCONF/RESTCONF by {session.user}, "
                        f"transaction-id {server.next_transaction()}")
    return _ok()


def _arm(session: RpcSession, pending: ConfirmedCommit | None, timeout: int, persist: str | None) -> None:
    """A confirmed commit: arm the rollback timer, or restart it for a follow-up confirmed commit."""
    server = session.server
    if pending is not None:
        server.revert.reset(timeout)
        pending.session_id, pending.persist = session.id, persist if persist is not None else pending.persist
        return
    if session.router.archive_log.pending is not None:
        raise RpcError("in-use", "a confirmed change (configure terminal revert timer) is already pending")
    armed = server.revert.start(timeout, session.user)
    if armed is None:
        raise RpcError("operation-failed", "a confirmed commit needs `archive` with a `path` for its rollback copy",
                       app_tag="archive-not-configured")
    server.candidate.confirmed = ConfirmedCommit(session.id, persist, armed)


def cancel_commit(session: RpcSession, op: Element) -> list[Element]:
    store = session.server.candidate
    pending = store.pending_commit(session.router)
    if pending is None:
        raise RpcError("operation-failed", "no confirmed commit is pending", app_tag="no-pending-commit")
    _may_settle(session, pending, text_of(op, "persist-id"))
    store.confirmed = None
    store.tree = None
    session.server.revert.revert_now()
    return _ok()


def discard_changes(session: RpcSession, op: Element) -> list[Element]:
    store = session.server.candidate
    _not_locked_by_another(session, store.lock_owner, "candidate")
    store.tree = None
    return _ok()


def validate(session: RpcSession, op: Element) -> list[Element]:
    """`<source>` candidate or running (running is always valid: it is the live configuration)."""
    holder = child(op, "source", BASE_NS)
    kids = elements(holder) if holder is not None else []
    if len(kids) != 1:
        raise bad_element("missing-element", "source", "validate needs one <source>")
    name = local(kids[0])
    if name == "candidate":
        checked(session.router, session.server.candidate.native(session.router))
    elif name != "running":
        raise RpcError("operation-not-supported", f"validate of {name} is not supported", info={"bad-element": name})
    return _ok()
