"""Type-6 pre-shared keys: with a master key and `password encryption aes`, no configuration text the router
shows or saves holds a PSK in clear, and `crypto isakmp key 6 ...` loads back to the same key."""

from __future__ import annotations

import re

import pytest
from routerlab import LiveRouter

from refrouter.cli.modes.psk import TYPE6_UNREADABLE
from refrouter.cli.modes.security import NO_MASTER_KEY
from refrouter.state.config.type6 import Type6Error, seal, unseal

PSK = "Clear-Psk-42"
MASTER = "Master-Key-Of-R1"
KEY_LINE = f"crypto isakmp key {PSK} address 192.0.2.2"
TYPE6_LINE = re.compile(r"^crypto isakmp key 6 (\S+) address 192\.0\.2\.2$", re.MULTILINE)


def encrypt(live: LiveRouter) -> None:
    assert live.configure([KEY_LINE, f"key config-key password-encrypt {MASTER}", "password encryption aes"]) == [
        "", "", ""]


def netmiko_running_config(live: LiveRouter) -> str:
    from netmiko import ConnectHandler

    creds = live.credentials
    device = ConnectHandler(device_type="cisco_xe", host="127.0.0.1", port=live.port, username=creds.username,
                            password=creds.password, secret=creds.enable_secret, fast_cli=False)
    try:
        device.enable()
        return str(device.send_command("show running-config"))
    finally:
        device.disconnect()


def test_seal_round_trip_and_refusals() -> None:
    text = seal(MASTER, PSK)
    assert PSK not in text and re.fullmatch(r"[A-Za-z0-9_-]+", text)
    assert seal(MASTER, PSK) == text  # stable: a re-render is no configuration change
    assert unseal(MASTER, text) == PSK
    for master, sealed in [("another-master", text), (MASTER, text[:-2] + ("AA" if text[-2:] != "AA" else "BB")),
                           (MASTER, "short"), (MASTER, "not base64 !")]:
        with pytest.raises(Type6Error):
            unseal(master, sealed)


def test_clear_keys_without_password_encryption(live_router: LiveRouter) -> None:
    assert live_router.configure([KEY_LINE]) == [""]
    assert KEY_LINE in live_router.running_config().splitlines()


def test_running_and_startup_config_never_show_the_clear_key(live_router: LiveRouter) -> None:
    encrypt(live_router)
    shown = netmiko_running_config(live_router)
    assert PSK not in shown and MASTER not in shown
    assert "password encryption aes" in shown.splitlines()
    [ciphertext] = TYPE6_LINE.findall(shown)
    assert unseal(MASTER, ciphertext) == PSK

    live_router.call(live_router.router.write_startup)
    state_dir = live_router.router.state_dir
    assert state_dir is not None
    saved = (state_dir / "startup-config").read_text()
    assert PSK not in saved and MASTER not in saved and TYPE6_LINE.findall(saved) == [ciphertext]

    live_router.call(live_router.router.reload)  # the master key survives, as in IOS's private NVRAM
    assert live_router.call(lambda: live_router.router.boot_errors) == []
    assert live_router.call(lambda: live_router.router.running.find_key("192.0.2.2").key) == PSK
    assert live_router.running_config() == saved


def test_type6_and_type0_keys_load(live_router: LiveRouter) -> None:
    live_router.configure([f"key config-key password-encrypt {MASTER}"])
    outputs = live_router.configure([f"crypto isakmp key 6 {seal(MASTER, PSK)} address 192.0.2.2",
                                     "crypto isakmp key 0 Type-Zero-Key address 192.0.2.3"])
    assert outputs == ["", ""]
    keys = live_router.call(lambda: [(k.key, k.address) for k in live_router.router.running.isakmp_keys])
    assert keys == [(PSK, "192.0.2.2"), ("Type-Zero-Key", "192.0.2.3")]


def test_type6_key_of_another_master_key_is_refused(live_router: LiveRouter) -> None:
    live_router.configure([f"key config-key password-encrypt {MASTER}"])
    foreign = seal("someone-elses-master", PSK)
    assert live_router.configure([f"crypto isakmp key 6 {foreign} address 192.0.2.2"]) == [TYPE6_UNREADABLE]
    assert live_router.call(lambda: live_router.router.running.isakmp_keys) == []


def test_password_encryption_without_master_key_warns(live_router: LiveRouter) -> None:
    assert live_router.configure([KEY_LINE, "password encryption aes"]) == ["", NO_MASTER_KEY]
    assert "password encryption aes" in live_router.running_config().splitlines()
    assert live_router.configure([f"key config-key password-encrypt {MASTER}"]) == [""]
    config = live_router.running_config()
    assert PSK not in config and len(TYPE6_LINE.findall(config)) == 1
