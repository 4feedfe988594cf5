"""`make demo`: start labs/two_site.yml, configure the seed's example over SSH, show the result, stop."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from netmiko import ConnectHandler

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "labs" / "two_site.yml"
REFROUTER = ROOT / ".venv" / "bin" / "refrouter"
ROUTERS = {"RouterA": 10022, "RouterB": 10023}


def lab(action: str) -> None:
    subprocess.run([str(REFROUTER), "lab", action, str(LAB)], check=True)


def configure(name: str, port: int) -> None:
    lines = (ROOT / "labs" / "seed" / f"default_policy_{name}.txt").read_text().splitlines()
    conn = ConnectHandler(device_type="cisco_xe", host="127.0.0.1", port=port, username="admin",
                          password="admin", secret="admin", fast_cli=True)
    try:
        conn.enable()
        print(conn.send_config_set(lines))
        print(f"\n===== {name}# show crypto map =====")
        print(conn.send_command("show crypto map"))
    finally:
        conn.disconnect()


def main() -> int:
    lab("up")
    try:
        for name, port in ROUTERS.items():
            configure(name, port)
    finally:
        lab("down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
