# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A config module run inside its action plugin over network_cli (docs/modules/config_modules.md).

`ControllerModule` is the part of AnsibleModule that `runner.run` and `device.py` use: `params` validated
with the module's own argument spec and its mutually_exclusive/required_if rules by the same validator
AnsibleModule uses, `check_mode`, `_diff`, `_socket_path`, `warn`, `fail_json` and `exit_json`. The result
is formatted as AnsibleModule formats it (`invocation`, no_log values replaced with ansible's own
`remove_values`, booleans and None kept), so a task returns the same whichever way it ran.
"""

from __future__ import annotations

from typing import Any, NoReturn

from ansible.module_utils.common.arg_spec import ModuleArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.common.warnings import warn
from ansible.module_utils.errors import UnsupportedError

# The modules that run `runner.run(module, RESOURCE)` with RESOURCE equal to the module's name.
CONFIG_MODULES = (
    "crypto_acls",
    "crypto_defaults",
    "crypto_maps",
    "ikev2_defaults",
    "ikev2_keyrings",
    "ikev2_policies",
    "ikev2_profiles",
    "ikev2_proposals",
    "ipsec_profiles",
    "isakmp_keys",
    "isakmp_policies",
    "isakmp_profiles",
    "keyrings",
    "transform_sets",
    "tunnel_interfaces",
)
COLLECTION_PREFIX = "ipsecux.iosxe."


class ModuleExit(BaseException):
    """Raised by exit_json/fail_json where AnsibleModule would exit the process (not an Exception, so no
    `except Exception` on the way up can swallow it, as none could swallow sys.exit)."""

    def __init__(self, result: dict[str, Any]) -> None:
        super().__init__("module exit")
        self.result = result


def config_module_name(resolved_action: str | None) -> str | None:
    """The config module a task runs (`ipsecux.iosxe.isakmp_keys` -> `isakmp_keys`), or None."""
    if not resolved_action or not resolved_action.startswith(COLLECTION_PREFIX):
        return None
    name = resolved_action[len(COLLECTION_PREFIX) :]
    return name if name in CONFIG_MODULES else None


class ControllerModule:
    """What the runner needs from AnsibleModule, for a module run in the action plugin."""

    def __init__(
        self,
        name: str,
        module_kwargs: dict[str, Any],
        args: dict[str, Any],
        *,
        check_mode: bool,
        diff: bool,
        socket_path: str | None,
    ) -> None:
        self.check_mode = check_mode
        self._diff = diff
        self._socket_path = socket_path
        self.params: dict[str, Any] = dict(args)
        self.no_log_values: set[str] = set()
        validator = ModuleArgumentSpecValidator(
            module_kwargs["argument_spec"],
            module_kwargs.get("mutually_exclusive"),
            module_kwargs.get("required_together"),
            module_kwargs.get("required_one_of"),
            module_kwargs.get("required_if"),
            module_kwargs.get("required_by"),
        )
        validation = validator.validate(self.params)
        self.params.update(validation.validated_parameters)
        self.no_log_values.update(validation._no_log_values)
        try:
            first = validation.errors[0]
        except IndexError:  # AnsibleValidationErrorMultiple has no len()
            return
        message = validation.errors.msg
        if isinstance(first, UnsupportedError):
            message = f"Unsupported parameters for ({name}) module: {message}"
        self.fail_json(msg=message)

    def warn(self, warning: str) -> None:
        """As AnsibleModule.warn on the controller: a warning of this task (no_log values removed)."""
        warn(str(remove_values(warning, self.no_log_values)))

    def exit_json(self, **result: Any) -> NoReturn:
        raise ModuleExit(self._formatted(result))

    def fail_json(self, msg: str, **result: Any) -> NoReturn:
        raise ModuleExit(self._formatted({**result, "failed": True, "msg": str(msg)}))

    def _formatted(self, result: dict[str, Any]) -> dict[str, Any]:
        """AnsibleModule._return_formatted: `invocation`, then no_log values out, booleans and None kept."""
        result.setdefault("invocation", {"module_args": self.params})
        kept = {key: value for key, value in result.items() if value is None or isinstance(value, bool)}
        cleaned: dict[str, Any] = remove_values(result, self.no_log_values)
        cleaned.update(kept)
        return cleaned
