"""Pre-shared keys as IOS stores them: `password encryption aes` with a master key turns global ISAKMP keys
into type 6, which survives `write memory` and a restart and still authenticates; secrets stay out of
rejected-line reports and `show tech-support`-style sanitising."""

from __future__ import annotations

from pathlib import Path

from refrouter.lab.boot import BootableRouter
from refrouter.state.config.sanitize import sanitize

CONFIG = """\
service password-encryption
password encryption aes
crypto isakmp key clear-psk-1 address 192.0.2.2
crypto isakmp key 0 clear-psk-2 hostname peer.example.net
"""


def type6_router(state_dir: Path) -> BootableRouter:
    router = BootableRouter(name="R", state_dir=state_dir)
    router.boot("key config-key password-encrypt MasterKey123\n" + CONFIG)
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
    assert "clear-psk" not in text
    assert "MasterKey123" not in text
    assert router.running.find_key("192.0.2.2") is not None
    assert router.running.find_key("192.0.2.2").key == "clear-psk-1"  # type: ignore[union-attr]


def test_type_6_survives_write_memory_and_restart(tmp_path: Path) -> None:
    router = type6_router(tmp_path)
    before = router.running_config_text()
    router.write_startup()
    assert "MasterKey123" not in (tmp_path / "startup-config").read_text(encoding="utf-8")
    router.boot()
    assert router.boot_errors == []
    assert router.running_config_text() == before
    assert router.running.find_key("192.0.2.2").key == "clear-psk-1"  # type: ignore[union-attr]


def test_type_6_from_another_router_is_kept_verbatim() -> None:
    router = BootableRouter(name="R")
    router.boot("crypto isakmp key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB address 192.0.2.9\n")
    assert router.boot_errors == []
    assert "crypto isakmp key 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB address 192.0.2.9" in router.running_config_text()


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
