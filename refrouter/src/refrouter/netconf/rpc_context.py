"""What an RPC handler sees of its session and server; the NETCONF message layer (transports) provides them."""

from __future__ import annotations

from typing import Protocol

from ..state.router import Router
from .candidate import CandidateStore, RevertControl


class RpcServer(Protocol):
    """The per-router NETCONF service: the running-datastore lock, the candidate, the router's confirmed-change
    timer and the other sessions."""

    lock_owner: int | None
    candidate: CandidateStore
    revert: RevertControl

    def next_transaction(self) -> int: ...

    def kill(self, session_id: int) -> bool: ...


class RpcSession(Protocol):
    """One NETCONF session as the operations use it."""

    id: int
    user: str
    closing: bool

    @property
    def router(self) -> Router: ...

    @property
    def server(self) -> RpcServer: ...
