"""Every `refrouter` command and lab action documents each of its options (issue #16)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from refrouter.arguments import parser


def commands(
    top: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, top
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def test_every_command_and_option_is_described() -> None:
    found = dict(commands(parser()))
    assert sorted(" ".join(path) for path in found) == [
        "", "lab", "lab capture", "lab down", "lab export", "lab inventory", "lab run", "lab status", "lab up",
        "serve"]
    undocumented = [
        f"refrouter {' '.join(path)} {action.dest}"
        for path, command in found.items() for action in command._actions
        if not action.help or action.help == argparse.SUPPRESS
    ]
    assert undocumented == []
    assert all(command.description for path, command in found.items() if path)


def test_lab_actions_are_listed_with_a_summary() -> None:
    lab = dict(commands(parser()))[("lab",)]
    help_text = lab.format_help()
    for action in ("up", "down", "status", "inventory", "export", "run", "capture"):
        assert f"\n    {action}" in help_text, help_text
    assert "run the lab in the foreground" in help_text
