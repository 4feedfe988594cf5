# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of ipsecux.iosxe.crypto_maps: the iosxe action plugin under the module's own name.

See meta/runtime.yml for why each config module has one."""

from __future__ import annotations

from ansible_collections.ipsecux.iosxe.plugins.action.iosxe import ActionModule as IosxeActionModule


class ActionModule(IosxeActionModule):
    """Runs crypto_maps (plugins/action/iosxe.py)."""
