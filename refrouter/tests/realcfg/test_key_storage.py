"""Pre-shared keys as IOS stores them: `password encryption aes` with a master key turns global ISAKMP keys
and keyring keys into type 6, which survives `write memory` and a restart; secrets stay out of rejected-line
reports and `show tech-support`-style sanitising."""

from __future__ import annotations

from pathlib import Path

from refrouter.cli.modes.psk import TYPE6_UNREADABLE
from refrouter.lab.boot import BootableRouter
from refrouter.state.config.sanitize import sanitize
from refrouter.state.config.type6 import seal, unseal

CONFIG = """\
service password-encryption
password encryption aes
crypto isakmp key clear-psk-1 address 192.0.2.2
crypto isakmp key 0 clear-psk-2 hostname peer.example.net
crypto keyring KR
 pre-shared-key address 192.0.2.3 key clear-psk-3
 pre-shared-key hostname peer2.example.net key 0 clear-psk-4
"""
MASTER = "MasterKey123"


def type6_router(state_dir: Path) -> BootableRouter:
    router = BootableRouter(name="R", state_dir=state_dir)
    router.boot(f"key config-key password-encrypt {MASTER}\n" + CONFIG)
    assert router.boot_errors == []
    return router


def test_keys_render_as_type_6_and_never_in_clear(tmp_path: Path) -> None:
    router = type6_router(tmp_path)
    text = router.running_config_text()
    assert "service password-encryption" in text.splitlines()
    assert "password encryption aes" in text.splitlines()
    key_lines = [line for line in text.splitlines() if line.startswith("crypto isakmp key")]
    assert [line.split()[3] for line in key_lines] == ["6", "6"]
    assert [line.split()[5:] for line in key_lines] == [["address", "192.0.2.2"], ["hostname", "peer.example.net"]]
    ring_lines = [line.split() for line in text.splitlines() if line.startswith("  pre-shared-key")]
    assert [words[:5] for words in ring_lines] == [["pre-shared-key", "address", "192.0.2.3", "key", "6"],
                                                   ["pre-shared-key", "hostname", "peer2.example.net", "key", "6"]]
    assert [unseal(MASTER, words[5]) for words in ring_lines] == ["clear-psk-3", "clear-psk-4"]
    assert "clear-psk" not in text
    assert MASTER not in text
    assert router.running.find_key("192.0.2.2") is not None
    assert router.running.find_key("192.0.2.2").key == "clear-psk-1"  # type: ignore[union-attr]


def test_type_6_survives_write_memory_and_restart(tmp_path: Path) -> None:
    router = type6_router(tmp_path)
    before = router.running_config_text()
    router.write_startup()
    assert MASTER not in (tmp_path / "startup-config").read_text(encoding="utf-8")
    assert (tmp_path / "config-key").stat().st_mode & 0o777 == 0o600
    router.boot()
    assert router.boot_errors == []
    assert router.running_config_text() == before
    assert router.running.find_key("192.0.2.2").key == "clear-psk-1"  # type: ignore[union-attr]


def test_keyring_type_6_loads_and_foreign_type_6_is_refused(tmp_path: Path) -> None:
    router = BootableRouter(name="R", state_dir=tmp_path)
    router.boot(f"key config-key password-encrypt {MASTER}\ncrypto keyring KR\n"
                f" pre-shared-key address 192.0.2.3 key 6 {seal(MASTER, 'ring-psk')}\n"
                f" pre-shared-key address 192.0.2.4 key 6 {seal('AnotherMaster1', 'ring-psk')}\n")
    assert len(router.boot_errors) == 1 and router.boot_errors[0].endswith(TYPE6_UNREADABLE.strip())
    assert "ring-psk" not in router.boot_errors[0]
    keys = router.running.ikev1.keyrings["KR"].keys
    assert [(key.peer, key.key) for key in keys] == [("192.0.2.3", "ring-psk")]


def test_no_password_encryption_shows_keys_in_clear_again(tmp_path: Path) -> None:
    router = type6_router(tmp_path)
    assert router.load_config("no password encryption aes\n") == []
    assert "crypto isakmp key clear-psk-1 address 192.0.2.2" in router.running_config_text().splitlines()
    assert "  pre-shared-key address 192.0.2.3 key clear-psk-3" in router.running_config_text().splitlines()


def test_keys_without_master_key_stay_clear() -> None:
    router = BootableRouter(name="R")
    router.boot(CONFIG)
    assert router.boot_errors == []
    assert "crypto isakmp key clear-psk-1 address 192.0.2.2" in router.running_config_text().splitlines()


def test_secrets_never_in_rejected_line_reports() -> None:
    router = BootableRouter(name="R")
    router.boot("crypto keyring KR\n pre-shared-key address 192.0.2.999 key top-secret-1\n"
                "crypto isakmp client configuration group G\n key top-secret-2 extra\n")
    assert len(router.boot_errors) == 2
    assert not any("top-secret" in error for error in router.boot_errors)


def test_sanitize_removes_keyring_and_group_keys() -> None:
    text = ("crypto keyring KR \n  pre-shared-key address 192.0.2.1 key top-secret-1\n"
            "crypto isakmp client configuration group G\n key top-secret-2\n")
    assert "top-secret" not in sanitize(text)
