"""The candidate datastore and confirmed commit (RFC 6241 :candidate, :confirmed-commit:1.1, :validate:1.1)
over ncclient: edits wait in the candidate until `commit`; a confirmed commit rolls back by itself when its
timeout passes (router time, the lab's time_scale), with the CLI revert timer's log lines, unless confirmed."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from ncclient.operations.rpc import RPCError
from nchelpers import NetconfRouter, config, ipsec

pytest_plugins = ["ncfixtures"]

ARCHIVE = "archive\n path bootflash:$h-archive\n"
HOST_EDIT = config("<hostname>Edge-9</hostname>", crypto=False)
LOG = "%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_"
TIME_SCALE = 20.0  # a router minute in three real seconds


def _hostname(router: NetconfRouter) -> str:
    return router.running_config().split("hostname ", 1)[1].split("\n", 1)[0]


def _wait_for(condition: Callable[[], bool], tries: int = 300) -> bool:
    for _ in range(tries):  # bounded
        if condition():
            return True
        time.sleep(0.05)
    return False


def _rollback_logs(router: NetconfRouter) -> list[str]:
    messages = router.live.call(router.router.logs.messages)
    return [m.split(": ", 1)[0].removeprefix(LOG) for m in messages if m.startswith(LOG)]


@pytest.fixture
def router(nc_factory: Callable[..., NetconfRouter]) -> NetconfRouter:
    return nc_factory(ARCHIVE, time_scale=TIME_SCALE)


def test_the_capabilities_are_advertised(router: NetconfRouter) -> None:
    with router.connect() as m:
        caps = set(m.server_capabilities)
    assert {"urn:ietf:params:netconf:capability:candidate:1.0",
            "urn:ietf:params:netconf:capability:confirmed-commit:1.1",
            "urn:ietf:params:netconf:capability:validate:1.1"} <= caps


def test_an_edit_waits_in_the_candidate_until_commit(router: NetconfRouter) -> None:
    with router.connect() as m:
        m.edit_config(target="candidate", config=HOST_EDIT)
        assert _hostname(router) == "RouterA"
        assert "<hostname>Edge-9</hostname>" in m.get_config(source="candidate").data_xml
        assert "<hostname>RouterA</hostname>" in m.get_config(source="running").data_xml
        assert m.validate(source="candidate").ok
        m.commit()
        assert _hostname(router) == "Edge-9"
        assert "<hostname>Edge-9</hostname>" in m.get_config(source="candidate").data_xml


def test_discard_changes_drops_the_candidate(router: NetconfRouter) -> None:
    with router.connect() as m:
        m.edit_config(target="candidate", config=HOST_EDIT)
        m.discard_changes()
        assert "<hostname>RouterA</hostname>" in m.get_config(source="candidate").data_xml
        m.commit()
    assert _hostname(router) == "RouterA"


def test_a_confirmed_commit_reverts_when_its_timeout_passes(router: NetconfRouter) -> None:
    with router.connect() as m:
        m.edit_config(target="candidate", config=HOST_EDIT)
        m.commit(confirmed=True, timeout="5")
        assert _hostname(router) in ("Edge-9", "RouterA")  # the timer may already have fired
        assert _wait_for(lambda: _hostname(router) == "RouterA")
        assert m.connected  # the session stays; only the change is rolled back
        with pytest.raises(RPCError) as err:
            m.cancel_commit()
        assert err.value.tag == "operation-failed"
    assert _rollback_logs(router) == ["BACKUP", "START_ABSTIMER", "TIMER_EXPIRED", "ROLLBACK_START", "ROLLBACK_DONE"]


def test_a_confirming_commit_keeps_the_change(router: NetconfRouter) -> None:
    with router.connect() as m:
        m.edit_config(target="candidate", config=HOST_EDIT)
        m.commit(confirmed=True, timeout="60")
        m.commit()
        assert router.live.call(lambda: router.router.archive_log.pending) is None
    time.sleep(60 / TIME_SCALE * 1.5)  # past the old deadline: nothing may fire any more
    assert _hostname(router) == "Edge-9"
    assert _rollback_logs(router) == ["BACKUP", "START_ABSTIMER", "CONFIRM"]


def test_cancel_commit_reverts_at_once(router: NetconfRouter) -> None:
    with router.connect() as m:
        m.edit_config(target="candidate", config=HOST_EDIT)
        m.commit(confirmed=True, timeout="600")
        assert _hostname(router) == "Edge-9"
        m.cancel_commit()
        assert _hostname(router) == "RouterA"


def test_the_end_of_the_session_reverts_a_commit_without_persist(router: NetconfRouter) -> None:
    with router.connect() as m:
        m.edit_config(target="candidate", config=HOST_EDIT)
        m.commit(confirmed=True, timeout="600")
    assert _wait_for(lambda: _hostname(router) == "RouterA")


def test_a_persisted_commit_is_confirmed_from_a_new_session(router: NetconfRouter) -> None:
    with router.connect() as m:
        m.edit_config(target="candidate", config=HOST_EDIT)
        m.commit(confirmed=True, timeout="600", persist="tok-1")
    assert _hostname(router) == "Edge-9"  # survives its session
    with router.connect() as other:
        with pytest.raises(RPCError) as err:
            other.commit(persist_id="wrong")
        assert err.value.tag == "invalid-value"
        other.commit(persist_id="tok-1")
    assert router.live.call(lambda: router.router.archive_log.pending) is None
    assert _hostname(router) == "Edge-9"


def test_another_session_cannot_confirm_a_commit_without_persist(router: NetconfRouter) -> None:
    with router.connect() as m, router.connect() as other:
        m.edit_config(target="candidate", config=HOST_EDIT)
        m.commit(confirmed=True, timeout="600")
        with pytest.raises(RPCError) as err:
            other.commit()
        assert err.value.tag == "in-use"
        m.commit()
    assert _hostname(router) == "Edge-9"


def test_a_confirmed_commit_needs_an_archive_path(nc_factory: Callable[..., NetconfRouter]) -> None:
    bare = nc_factory()
    with bare.connect() as m:
        m.edit_config(target="candidate", config=HOST_EDIT)
        with pytest.raises(RPCError) as err:
            m.commit(confirmed=True, timeout="60")
    assert err.value.tag == "operation-failed"
    assert "archive" in err.value.message
    assert _hostname(bare) == "RouterA"


def test_candidate_locks(router: NetconfRouter) -> None:
    with router.connect() as m, router.connect() as other:
        m.lock(target="candidate")
        with pytest.raises(RPCError) as err:
            other.edit_config(target="candidate", config=HOST_EDIT)
        assert err.value.tag == "in-use"
        m.edit_config(target="candidate", config=HOST_EDIT)
        m.unlock(target="candidate")
        with pytest.raises(RPCError) as denied:
            other.lock(target="candidate")  # uncommitted changes in the candidate
        assert denied.value.tag == "lock-denied"
        other.discard_changes()
        other.lock(target="candidate")


def test_a_candidate_edit_is_checked_when_it_is_made(router: NetconfRouter) -> None:
    bad = config(ipsec("<profile><name>P2</name><set><transform-set>GHOST</transform-set></set></profile>"))
    with router.connect() as m:
        with pytest.raises(RPCError) as err:
            m.edit_config(target="candidate", config=bad)
        assert err.value.tag == "operation-failed"  # a reference to a missing transform set
        assert "P2" not in m.get_config(source="candidate").data_xml


def test_test_only_checks_an_edit_and_changes_nothing(router: NetconfRouter) -> None:
    with router.connect() as m:
        assert m.edit_config(target="running", config=HOST_EDIT, test_option="test-only").ok
    assert _hostname(router) == "RouterA"
