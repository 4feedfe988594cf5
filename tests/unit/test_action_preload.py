"""Each config module has an action plugin of its own name (meta/runtime.yml), for two reasons.

ansible-core's linear and free strategies look the task's name up in the action loader in the main process,
before forking the worker; a plugin found there is imported once and every worker inherits it, with the
runner it imports (docs/performance.md, figure 6). And the task's resolved action must stay the module's
name, so action groups (`module_defaults: group/ipsecux.iosxe.config`) still apply.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ansible_collections.ipsecux.iosxe.plugins.plugin_utils.controller_module import CONFIG_MODULES

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from ansible.parsing.mod_args import ModuleArgsParser
from ansible.plugins.loader import action_loader, init_plugin_loader
init_plugin_loader()
base = action_loader.get("ipsecux.iosxe.iosxe", class_only=True)
preloaded = "ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner" in sys.modules
found = {}
for name in sys.argv[1:]:
    task = "ipsecux.iosxe." + name
    handler = action_loader.get(task, class_only=True)  # what the strategy asks before forking
    parser = ModuleArgsParser({task: {"state": "gathered"}})
    parser.parse()
    found[name] = [bool(handler) and issubclass(handler, base), parser._resolved_action]
print(json.dumps({"runner_before": preloaded, "found": found}))
"""


def test_the_strategy_lookup_finds_each_config_module_and_imports_the_runner() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *CONFIG_MODULES],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("ANSIBLE_")},
            "ANSIBLE_CONFIG": str(REPO / "ansible.cfg"),
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(done.stdout)
    assert report["runner_before"] is True  # plugins/action/iosxe.py imports the runner at load time
    assert report["found"] == {name: [True, f"ipsecux.iosxe.{name}"] for name in CONFIG_MODULES}
