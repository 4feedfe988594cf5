"""The candidate datastore (RFC 6241 :candidate) and its confirmed commit (:confirmed-commit:1.1).

The candidate is shared by every session of the router. Until a session edits it, it is the running
configuration; the first edit takes a full copy of running's served subtree, and `commit` makes that copy the
running configuration (CLI changes made in the meantime inside the served subtree are overwritten, as with
any full copy; `discard-changes` takes a fresh one). A confirmed commit arms the router's rollback timer, the
same as `configure terminal revert timer` (archive copy, log lines, revert when it fires), in seconds.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Protocol

from ..state.archive import PendingRevert
from ..state.config.model import RunningConfig
from ..state.router import Router
from .datastore import sync_into
from .edit import apply_config
from .errors import RpcError
from .mapping import parse, render
from .references import check_references
from .xml import BASE_NS, Element, child, new


class RevertControl(Protocol):
    """The router's confirmed-change timer (the CLI's `configure terminal revert timer`), wired in by the
    transport layer."""

    def start(self, seconds: float, user: str) -> PendingRevert | None: ...

    def reset(self, seconds: float) -> None: ...

    def confirm(self, user: str) -> None: ...

    def revert_now(self) -> None: ...


@dataclass
class ConfirmedCommit:
    session_id: int  # the session that issued it: without `persist`, only it may confirm, and its end reverts
    persist: str | None
    pending: PendingRevert  # the router's pending rollback this commit armed


@dataclass
class CandidateStore:
    tree: Element | None = None  # `<native>` once edited; None: the candidate is the running config
    lock_owner: int | None = None
    confirmed: ConfirmedCommit | None = None

    def native(self, router: Router) -> Element:
        """A copy of the candidate's `<native>`."""
        return copy.deepcopy(self.tree) if self.tree is not None else render(router.running)

    def pending_commit(self, router: Router) -> ConfirmedCommit | None:
        """The confirmed commit still waiting (None once confirmed, cancelled or reverted by any means)."""
        if self.confirmed is not None and router.archive_log.pending is not self.confirmed.pending:
            self.confirmed = None
        return self.confirmed


def edit_candidate(router: Router, store: CandidateStore, config: Element, default_operation: str,
                   test_only: bool) -> None:
    """Apply an edit-config `<config>` to the candidate, all-or-nothing, checked as a commit would be."""
    holder = new("data", BASE_NS)
    holder.append(store.native(router))
    apply_config(holder, config, default_operation)
    native = child(holder, "native")
    if native is None:  # an edit cannot remove the root, but the type says it could be missing
        raise RpcError("operation-failed", "the edit left no native tree")
    checked(router, native)
    if not test_only:
        store.tree = native


def checked(router: Router, native: Element) -> RunningConfig:
    """The configuration a `<native>` tree stands for, its references checked (what validate answers)."""
    config = parse(native, router.running)
    check_references(router.running, config)
    return config


def apply_commit(router: Router, config: RunningConfig, store: CandidateStore) -> bool:
    """Make `config` (from `checked`) the running config; the candidate follows running again. True when
    running changed."""
    store.tree = None
    if config == router.running:
        return False
    sync_into(router.running, config)
    router.mark_changed()
    return True


def session_ended(router: Router, store: CandidateStore, session_id: int, revert: RevertControl) -> None:
    """RFC 6241: the candidate lock ends with its session (and its changes are discarded); a confirmed commit
    without `persist` is rolled back when the session that issued it ends."""
    if store.lock_owner == session_id:
        store.lock_owner = None
        store.tree = None
    pending = store.pending_commit(router)
    if pending is not None and pending.session_id == session_id and pending.persist is None:
        store.confirmed = None
        revert.revert_now()
