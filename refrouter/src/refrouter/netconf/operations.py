"""The RPC operations: one handler per (namespace, name), each returning the reply's content elements.

Handlers run synchronously on the router's event loop, so each is atomic with respect to CLI commands.
"""

from __future__ import annotations

from collections.abc import Callable

from .candidate import edit_candidate
from .commit_ops import cancel_commit, commit, discard_changes, validate
from .crypto_oper import render_crypto_oper
from .datastore import edit_running, running_tree, startup_tree
from .edit import DEFAULT_OPERATIONS
from .errors import RpcError, bad_element
from .filters import subtree, xpath
from .rpc_context import RpcSession
from .types import UINT32
from .xml import BASE_NS, CISCO_IA_NS, Element, child, elements, local, new, split_tag, text_of

Handler = Callable[[RpcSession, Element], list[Element]]
DATASTORES = ("running", "startup", "candidate")
SAVE_CONFIG_RESULT = "Save running-config successful"


def _ok() -> list[Element]:
    return [new("ok", BASE_NS)]


def _datastore(op: Element, param: str, allowed: tuple[str, ...]) -> str:
    holder = child(op, param, BASE_NS)
    if holder is None:
        raise bad_element("missing-element", param, f"{local(op)} needs <{param}>")
    kids = elements(holder)
    if len(kids) != 1 or local(kids[0]) not in DATASTORES:
        raise bad_element("bad-element", param, f"<{param}> names no datastore")
    name = local(kids[0])
    if name not in allowed:
        raise RpcError("operation-not-supported", f"{local(op)} on the {name} datastore is not supported",
                       info={"bad-element": name})
    return name


def _filtered(op: Element, roots: list[Element]) -> list[Element]:
    data = new("data", BASE_NS)
    filter_el = child(op, "filter", BASE_NS)
    if filter_el is None:
        selected = roots
    elif filter_el.get("type", "subtree") == "subtree":
        selected = subtree(roots, filter_el)
    elif filter_el.get("type") == "xpath":
        selected = xpath(roots, filter_el.get("select", ""), dict(filter_el.nsmap))
    else:
        raise RpcError("bad-attribute", f"filter type {filter_el.get('type')} is not supported",
                       info={"bad-attribute": "type", "bad-element": "filter"})
    for root in selected:
        data.append(root)
    return [data]


def get_config(session: RpcSession, op: Element) -> list[Element]:
    source = _datastore(op, "source", ("running", "startup", "candidate"))
    if source == "candidate":
        tree: Element | None = session.server.candidate.native(session.router)
    else:
        tree = running_tree(session.router) if source == "running" else startup_tree(session.router)
    return _filtered(op, [tree] if tree is not None else [])


def get(session: RpcSession, op: Element) -> list[Element]:
    return _filtered(op, [running_tree(session.router), render_crypto_oper(session.router)])


def edit_config(session: RpcSession, op: Element) -> list[Element]:
    target = _datastore(op, "target", ("running", "candidate"))
    default = text_of(op, "default-operation") or "merge"
    if default not in DEFAULT_OPERATIONS:
        raise bad_element("invalid-value", "default-operation", f'"{default}" is not a default operation')
    test_option = text_of(op, "test-option") or "test-then-set"
    if test_option not in ("test-then-set", "set", "test-only"):
        raise bad_element("invalid-value", "test-option", f'"{test_option}" is not a test option')
    if (text_of(op, "error-option") or "stop-on-error") not in ("stop-on-error", "rollback-on-error"):
        raise RpcError("operation-not-supported", "edits are all-or-nothing", info={"bad-element": "error-option"})
    config = child(op, "config", BASE_NS)
    if config is None:
        raise bad_element("missing-element", "config", "edit-config needs <config> (<url> is not supported)")
    owner = session.server.lock_owner if target == "running" else session.server.candidate.lock_owner
    if owner is not None and owner != session.id:
        raise RpcError("in-use", f"the {target} datastore is locked by session {owner}",
                       info={"session-id": str(owner)})
    if target == "candidate":
        edit_candidate(session.router, session.server.candidate, config, default, test_option == "test-only")
        return _ok()
    if edit_running(session.router, config, default, test_option == "test-only"):
        session.router.logs.log(
            f"%DMI-5-CONFIG_I: R0/0: dmiauthd: Configured from NETCONF/RESTCONF by {session.user}, "
            f"transaction-id {session.server.next_transaction()}"
        )
    return _ok()


def lock(session: RpcSession, op: Element) -> list[Element]:
    target = _datastore(op, "target", ("running", "candidate"))
    server = session.server
    owner = server.lock_owner if target == "running" else server.candidate.lock_owner
    if owner is not None:
        raise RpcError("lock-denied", "Lock failed, lock is already held", info={"session-id": str(owner)})
    if target == "running":
        server.lock_owner = session.id
    elif server.candidate.tree is not None:  # RFC 6241 7.5: not while the candidate holds uncommitted changes
        raise RpcError("lock-denied", "the candidate has uncommitted changes: commit or discard them first",
                       info={"session-id": "0"})
    else:
        server.candidate.lock_owner = session.id
    return _ok()


def unlock(session: RpcSession, op: Element) -> list[Element]:
    target = _datastore(op, "target", ("running", "candidate"))
    server = session.server
    if (server.lock_owner if target == "running" else server.candidate.lock_owner) != session.id:
        raise RpcError("operation-failed", "the lock is not held by this session", app_tag="lock-not-held")
    if target == "running":
        server.lock_owner = None
    else:
        server.candidate.lock_owner = None
    return _ok()


def close_session(session: RpcSession, op: Element) -> list[Element]:
    session.closing = True
    return _ok()


def kill_session(session: RpcSession, op: Element) -> list[Element]:
    value = text_of(op, "session-id")
    if not value:
        raise bad_element("missing-element", "session-id", "kill-session needs a session-id")
    if UINT32.check(value) is not None or int(value) == 0:
        raise bad_element("invalid-value", "session-id", "a session-id is a number from 1 to 4294967295")
    target = int(value)
    if target == session.id:
        raise bad_element("invalid-value", "session-id", "a session cannot kill itself (use close-session)")
    if not session.server.kill(target):
        raise bad_element("invalid-value", "session-id", f"no session {target}")
    return _ok()


def copy_config(session: RpcSession, op: Element) -> list[Element]:
    """Only running -> startup (the :startup capability's way to save)."""
    _datastore(op, "source", ("running",))
    _datastore(op, "target", ("startup",))
    return save_config(session, op)


def save_config(session: RpcSession, op: Element) -> list[Element]:
    try:
        session.router.write_startup()
    except OSError as exc:
        raise RpcError("operation-failed", f"cannot save the configuration: {exc}") from None
    result = new("result", CISCO_IA_NS, SAVE_CONFIG_RESULT)
    return [result] if split_tag(op)[0] == CISCO_IA_NS else _ok()


HANDLERS: dict[tuple[str, str], Handler] = {
    (BASE_NS, "get-config"): get_config,
    (BASE_NS, "get"): get,
    (BASE_NS, "edit-config"): edit_config,
    (BASE_NS, "copy-config"): copy_config,
    (BASE_NS, "lock"): lock,
    (BASE_NS, "unlock"): unlock,
    (BASE_NS, "close-session"): close_session,
    (BASE_NS, "kill-session"): kill_session,
    (BASE_NS, "commit"): commit,
    (BASE_NS, "cancel-commit"): cancel_commit,
    (BASE_NS, "discard-changes"): discard_changes,
    (BASE_NS, "validate"): validate,
    (CISCO_IA_NS, "save-config"): save_config,
}


def dispatch(session: RpcSession, op: Element) -> list[Element]:
    handler = HANDLERS.get(split_tag(op))
    if handler is None:
        raise RpcError("operation-not-supported", f"{local(op)} is not supported by this device",
                       info={"bad-element": local(op)})
    if handler is not close_session and not session.server.authorized(session.user):
        raise RpcError("access-denied", f"user {session.user} is no longer authorized for NETCONF "
                       "(privilege 15 is required)")
    return handler(session, op)
