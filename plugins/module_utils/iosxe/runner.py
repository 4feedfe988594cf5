# Copyright: (c) 2026, ipsecux maintainers
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs one config module: states, check mode, --diff, rollback after a device error, masked results."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from typing import Any

from ansible.module_utils.connection import ConnectionError as DeviceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.checks import cli_typable
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.argspec.common import (
    MUTUALLY_EXCLUSIVE,
    REQUIRED_IF,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.context import PlanContext
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.compare.states import ResourceError
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.device import (
    CLI_DIALECT,
    Device,
    Dialect,
    connected_device,
    dialect_of,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.device_errors import warning_lines
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.mask import mask_line, mask_text, scrub
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.device import UnsettledCommit
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.netconf.dialect import (
    XML_DIALECT,
    looks_like_xml,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.registry import RESOURCES
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.resources.resource import Resource
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.running_config.parse import RunningConfig
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.safety import (
    BACKUP_KEY,
    SAFE_CHANGE_KEY,
    cli_only_options,
    encode_backup,
    interrupted,
    option_errors,
    pending,
)
from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.vocab import ACTION_STATES

REJECTED_LINE_RE = re.compile(r"line (\d+) of (\d+)")
SENT_RE = re.compile(r"lines 1-(\d+) were sent")  # cliconf: the lines of a write all reach the device
UNORDERED_LISTS = ("interfaces",)  # compared as sets when checking the device against the target


def module_kwargs(resource_name: str) -> dict[str, Any]:
    """Keyword arguments for AnsibleModule (built in the module file, so direct execution can patch it)."""
    return {
        "argument_spec": RESOURCES[resource_name].spec.ARGUMENT_SPEC,
        "mutually_exclusive": MUTUALLY_EXCLUSIVE,
        "required_if": REQUIRED_IF,
        "supports_check_mode": True,
    }


def run(module: Any, resource_name: str, device_factory: Callable[[Any], Device] = connected_device) -> None:
    """Validate values, then execute the requested state; exits the module."""
    resource = RESOURCES[resource_name]
    errors = resource.spec.check(module.params) + option_errors(module.params)
    state = module.params["state"]
    if state in ("merged", "replaced", "overridden", "rendered") and _empty(module.params.get("config")):
        errors.append(f"config: must not be empty for state {state}")
    if errors:
        module.fail_json(msg="; ".join(errors))
    Runner(module, resource, device_factory).execute(state)


def _empty(config: Any) -> bool:
    if isinstance(config, dict):
        return all(value is None for value in config.values())
    return not config


class Runner:
    def __init__(self, module: Any, resource: Resource, device_factory: Callable[[Any], Device]) -> None:
        self.module = module
        self.resource = resource
        self.device_factory = device_factory
        self._device: Device | None = None
        self._backup: dict[str, str] = {}  # handed to the action plugin also when the task fails
        self._persist_id: str | None = None  # the token of a NETCONF confirmed commit (safe change)
        # Keys the user gave (ansible-core scrubs these no_log values too). Keys read from the device are
        # masked by position (mask_line), never by value: a short device key would mangle unrelated text.
        self.secrets = list(resource.secrets(resource.want(module.params)))

    @property
    def device(self) -> Device:
        if self._device is None:
            self._device = self.device_factory(self.module)
        return self._device

    @property
    def dialect(self) -> Dialect:
        """CLI lines over network_cli, edit-config XML over NETCONF (see device.py)."""
        return dialect_of(self.device)

    def execute(self, state: str) -> None:
        try:
            result = self._offline(state) if state in ("rendered", "parsed") else self._online(state)
        except ResourceError as exc:
            self.module.fail_json(msg=self.safe(str(exc)))
        except DeviceError as exc:
            self.module.fail_json(msg=self.safe(f"device error: {exc}"))
        self.module.exit_json(**result)

    def safe(self, value: Any) -> Any:
        """Mask the keys given to this task and every secret-shaped line."""
        value = scrub(value, self.secrets)
        if isinstance(value, str):
            return mask_text(value)
        if isinstance(value, list):
            return [mask_line(item) if isinstance(item, str) else item for item in value]
        return value

    def read_device(self) -> RunningConfig:
        return self.dialect.parse(self.device.running_config())

    def _read_for_task(self) -> tuple[RunningConfig, dict[str, Any]]:
        """The device's configuration, and the backup for the action plugin when asked for one."""
        if self.dialect.name != "cli":
            refused = cli_only_options(self.module.params, bool(getattr(self.device, "confirmed_commit", False)))
            if refused:
                raise ResourceError("needs ansible.netcommon.network_cli: " + "; ".join(refused))
        text = self.device.running_config()
        if self.module.params.get("backup"):
            self._backup = {BACKUP_KEY: encode_backup(text)}
        return self.dialect.parse(text), self._backup

    def warn(self, messages: list[str]) -> None:
        for message in messages:
            self.module.warn(self.safe(message))

    def _refuse_help_requests(self, dialect: Dialect) -> None:
        """Over the CLI, a `?` in any value would be read as a request for help: refused before anything
        is sent (argspec.checks.cli_typable)."""
        if dialect.name == "cli":
            errors = cli_typable("config", self.module.params.get("config"))
            if errors:
                raise ResourceError("; ".join(errors))

    def _offline(self, state: str) -> dict[str, Any]:
        resource = self.resource
        if state == "parsed":
            text = self.module.params["running_config"]
            config = (XML_DIALECT if looks_like_xml(text) else CLI_DIALECT).parse(text)
            self.warn(config.warnings_for(resource.name))
            return {"parsed": resource.mask(resource.facts(config)), "changed": False}
        dialect: Dialect = XML_DIALECT if self.module.params.get("rendered_format") == "xml" else CLI_DIALECT
        self._refuse_help_requests(dialect)
        context = PlanContext(RunningConfig(), self.module.params, offline=True)
        have = resource.empty()
        target = resource.planner.resolve(resource.want(self.module.params), have, "merged", context)
        target = dialect.adapt(resource, self.module.params, target)
        lines = resource.planner.plan(have, target, context)
        commands = dialect.encode(resource, have, target, context, lines)
        if self.secrets:
            context.warnings.append(
                "the keys in rendered are masked (********): the output shows what would be sent but "
                "cannot be pasted onto a device as is; apply the config with state merged instead"
            )
        self.warn(context.warnings)
        return {"rendered": self.safe(dialect.show(commands)), "changed": False}

    def _online(self, state: str) -> dict[str, Any]:
        resource = self.resource
        if state != "gathered":
            self._refuse_help_requests(self.dialect)
        config, backup = self._read_for_task()
        self.warn(config.warnings_for(resource.name))
        before = resource.facts(config)
        if state == "gathered":
            return {"gathered": resource.mask(before), "changed": False, **backup}
        if state not in ACTION_STATES:
            raise ResourceError(f"unsupported state {state}")
        context = PlanContext(config, self.module.params, check_mode=bool(self.module.check_mode))
        target = resource.planner.resolve(resource.want(self.module.params), before, state, context)
        target = self.dialect.adapt(resource, self.module.params, target)
        commands = self.dialect.encode(
            resource, before, target, context, resource.planner.plan(before, target, context)
        )
        self.warn(context.warnings)
        after = self._apply(commands, config, before) if commands and not self.module.check_mode else None
        if after is None:
            after = target if commands else before
        else:
            self._verify(after, target)
        result = {
            "before": resource.mask(before),
            "after": resource.mask(after),
            "commands": self.safe(self.dialect.show(commands)),
            "changed": bool(commands),
            **backup,
        }
        timeout = self.module.params.get("confirm_timeout")
        if timeout is not None and commands and not self.module.check_mode:
            result[SAFE_CHANGE_KEY] = pending(timeout, self._persist_id)
        if self.module._diff:
            result["diff"] = resource.diff(before, after)
        return result

    def _apply(self, commands: list[str], config: RunningConfig, before: Any) -> Any:
        timeout = self.module.params.get("confirm_timeout")
        if timeout is not None and self.dialect.name != "cli":
            return self._apply_confirmed_commit(commands, before, timeout)
        if timeout is not None:
            return self._apply_with_revert_timer(commands, before, timeout)
        try:
            responses = self.device.configure(commands)
        except DeviceError as exc:
            self._fail_with_rollback(commands, config, before, str(exc))
        self.warn([line for text in responses for line in warning_lines(text)])
        return self.resource.facts(self.read_device())

    def _apply_with_revert_timer(self, commands: list[str], before: Any, timeout: int) -> Any:
        """Send under `configure terminal revert timer`; on any error leave the revert to the action
        plugin (the device may be cut off, and its archive restores everything the change touched)."""
        try:
            responses = self.device.configure_with_revert_timer(commands, timeout)  # type: ignore[attr-defined]
            self.warn([line for text in responses for line in warning_lines(text)])
            return self.resource.facts(self.read_device())
        except DeviceError as exc:
            error = self.safe(f"device error: {exc}")
            match = REJECTED_LINE_RE.search(str(exc))
            self.module.fail_json(
                msg=error,
                commands=self.safe(self.dialect.show(commands[: int(match.group(1))] if match else commands)),
                before=self.resource.mask(before),
                **{SAFE_CHANGE_KEY: interrupted(timeout, error)},
                **self._backup,
            )

    def _apply_confirmed_commit(self, payloads: list[str], before: Any, timeout: int) -> Any:
        """Over NETCONF: edit the candidate, commit it confirmed with a fresh persist token; the action plugin
        confirms from a new session. An edit the device refuses changes nothing (the candidate is discarded);
        a failure of the commit itself leaves the settling (or the device's timer) to the action plugin."""
        self._persist_id = secrets.token_hex(16)
        try:
            self.device.configure_confirmed(payloads, timeout * 60, self._persist_id)  # type: ignore[attr-defined]
        except UnsettledCommit as exc:
            error = self.safe(f"device error: {exc}")
            self.module.fail_json(
                msg=error,
                before=self.resource.mask(before),
                **{SAFE_CHANGE_KEY: interrupted(timeout, error, self._persist_id)},
                **self._backup,
            )
        except DeviceError as exc:  # refused before or by the commit: the running config is unchanged
            self.module.fail_json(msg=self.safe(f"device error: {exc}"), before=self.resource.mask(before),
                                  **self._backup)
        return self.resource.facts(self.read_device())

    def _verify(self, after: Any, target: Any) -> None:
        if _canonical(after) != _canonical(target):
            self.warn(
                [
                    (
                        f"the device reports a different {self.resource.name} configuration than requested; "
                        "compare 'after' with the task's config"
                    )
                ]
            )

    def _fail_with_rollback(
        self, commands: list[str], config: RunningConfig, before: Any, error: str
    ) -> None:
        match = SENT_RE.search(error) or REJECTED_LINE_RE.search(error)
        sent = commands[: int(match.group(1))] if match else commands
        rollback = self._rollback(config)
        if not rollback["restored"]:
            outcome = f"could NOT restore the previous configuration: {rollback.get('error')}"
        elif rollback["commands"]:
            outcome = f"restored the previous configuration with {len(rollback['commands'])} command(s)"
        else:
            outcome = "nothing to restore: the configuration is as it was before the task"
        self.module.fail_json(
            msg=self.safe(f"{error}; {outcome}"),
            commands=self.safe(self.dialect.show(sent)),
            before=self.resource.mask(before),
            rollback=rollback,
            **self._backup,
        )

    def _rollback(self, before_config: RunningConfig) -> dict[str, Any]:
        """Send what takes every resource this run may have touched back to its `before` state."""
        commands: list[str] = []
        try:
            commands = self.dialect.restore(self.resource.restore_order, self.read_device(), before_config)
            if commands:
                self.device.configure(commands)
        except (DeviceError, ResourceError) as exc:
            shown = self.safe(self.dialect.show(commands))
            return {"commands": shown, "restored": False, "error": self.safe(str(exc))}
        return {"commands": self.safe(self.dialect.show(commands)), "restored": True}


def _canonical(facts: Any) -> Any:
    def normal(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: sorted(v) if k in UNORDERED_LISTS else normal(v) for k, v in value.items()}
        if isinstance(value, list):
            return [normal(item) for item in value]
        return value

    if isinstance(facts, list):
        return sorted(json.dumps(normal(item), sort_keys=True) for item in facts)
    return normal(facts)
