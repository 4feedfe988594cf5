"""Run scrapli-cfg against a router and print what it saw as JSON (one run: load, diff, commit).

scrapli-cfg needs scrapli 1.x, which the test venv's scrapli 2.x replaces, so this script runs in its own
venv (requirements-scrapli-cfg.txt, built by `make setup`); test_scrapli_cfg.py starts it.
Usage: python scrapli_cfg_driver.py HOST PORT USER PASSWORD SECRET merge|replace CONFIG_FILE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scrapli.driver.core import IOSXEDriver
from scrapli_cfg import ScrapliCfg


def main() -> None:
    host, port, user, password, secret, mode, config_file = sys.argv[1:8]
    conn = IOSXEDriver(host=host, port=int(port), auth_username=user, auth_password=password,
                       auth_secondary=secret, auth_strict_key=False, transport="paramiko",
                       ssh_config_file=False, timeout_ops=30)
    conn.open()
    try:
        cfg = ScrapliCfg(conn=conn, filesystem="bootflash:")
        cfg.prepare()
        load = cfg.load_config(config=Path(config_file).read_text(), replace=mode == "replace")
        diff = cfg.diff_config()
        commit = cfg.commit_config()
        print(json.dumps({
            "load_failed": load.failed,
            "diff_failed": diff.failed,
            "device_diff": diff.device_diff,
            "commit_failed": commit.failed,
            "commit": commit.result,
        }))
    finally:
        conn.close()


if __name__ == "__main__":
    main()
