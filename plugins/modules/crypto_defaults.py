# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ipsecux.iosxe.crypto_defaults: enable or disable the default IKE policies and default transform sets."""

from __future__ import annotations

DOCUMENTATION = r"""
module: crypto_defaults
short_description: Manage the default IKE policies and default IPsec transform sets on Cisco IOS XE
description:
  - Toggles C(crypto isakmp default policy) (the eight default IKE policies 65507-65514, used only when no
    ISAKMP policy is configured) and C(crypto ipsec default transform-set) (the two default transform sets,
    used by crypto map entries that name no transform set).
  - Both are enabled by default; the running config shows only C(no ...) lines for disabled defaults.
  - Disabling the default transform sets while crypto map entries name no transform set gives a warning
    that names those entries.
version_added: 0.1.0
author: ipsecux maintainers (@ipsecux)
extends_documentation_fragment:
  - ipsecux.iosxe.config_resource
  - ipsecux.iosxe.config_safety
notes:
  - Over NETCONF only I(isakmp_default_policy) is managed. C(crypto ipsec default transform-set) has no
    node in the IOS XE 17.18.1 YANG model, so I(ipsec_default_transform_set) is not reported, giving it
    fails, and C(replaced), C(overridden) and C(deleted) leave it as it is.
  - Supports check mode and diff mode; restores the previous toggles after a device error.
options:
  config:
    description: The toggles.
    type: dict
    suboptions:
      isakmp_default_policy:
        description: Whether the default IKE policies may be used.
        type: bool
      ipsec_default_transform_set:
        description: Whether the default IPsec transform sets may be used.
        type: bool
  state:
    description:
      - C(merged) sets the given toggles; C(replaced) and C(overridden) also enable toggles that are not
        given; C(deleted) enables both (the IOS default); C(gathered), C(rendered), C(parsed) as usual.
    type: str
    default: merged
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
"""

EXAMPLES = r"""
- name: Do not fall back to the default IKE policies or transform sets
  ipsecux.iosxe.crypto_defaults:
    config:
      isakmp_default_policy: false
      ipsec_default_transform_set: false
# commands: ["no crypto isakmp default policy", "no crypto ipsec default transform-set"]

- name: Back to the IOS defaults
  ipsecux.iosxe.crypto_defaults:
    state: deleted
"""

RETURN = r"""
before:
  description: The toggles before the task.
  returned: when I(state) is merged, replaced, overridden or deleted
  type: dict
  sample: {isakmp_default_policy: true, ipsec_default_transform_set: true}
after:
  description: The toggles after the task (predicted in check mode).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: dict
  sample: {isakmp_default_policy: false, ipsec_default_transform_set: true}
commands:
  description: The commands in the exact order sent.
    Over NETCONF, the edit-config payload sent (one item).
  returned: when I(state) is merged, replaced, overridden or deleted
  type: list
  elements: str
  sample: ["no crypto isakmp default policy"]
gathered:
  description: The toggles on the device.
  returned: when I(state=gathered)
  type: dict
rendered:
  description: The commands for I(config).
    With I(rendered_format=xml), one edit-config payload.
  returned: when I(state=rendered)
  type: list
  elements: str
parsed:
  description: The toggles parsed from I(running_config).
  returned: when I(state=parsed)
  type: dict
rollback:
  description: After a device error, the restore commands and whether they were accepted.
  returned: when the device rejected a command
  type: dict
diff:
  description: A unified diff of the running-config text (only C(no ...) lines of disabled defaults).
    Each changed block is one hunk with the whole block, so a change always shows the object it
    belongs to (key C(prepared)).
  returned: in diff mode, when I(state) is merged, replaced, overridden or deleted
  type: dict
safe_change:
  description:
    - With I(confirm_timeout), what became of the change - C(confirmed) (bool), C(reachable), C(reverted)
      (true, or null when unknown), C(reverted_by) (C(revert timer) or C(configure revert now)),
      C(restored) (the configuration read back equals C(before)), C(confirm_timeout).
  returned: when I(confirm_timeout) is set and the task sent commands
  type: dict
  sample: {confirmed: false, reverted: true, reverted_by: revert timer, restored: true, confirm_timeout: 5}
backup_path:
  description: The backup file on the controller (mode 0600; it holds the device's keys).
  returned: when I(backup=true)
  type: str
  sample: /playbooks/backup/RouterA_config.2026-12-07@09:01:02
saved:
  description: Whether C(write memory) was sent (I(save_when)).
  returned: when I(save_when) is not C(never) and the task succeeded
  type: bool
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.runner import module_kwargs, run

RESOURCE = "crypto_defaults"


def main() -> None:
    module = AnsibleModule(**module_kwargs(RESOURCE))
    run(module, RESOURCE)


if __name__ == "__main__":
    main()
