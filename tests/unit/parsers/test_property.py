"""Property tests: junk never raises and every junk line is quoted in a warning."""

from __future__ import annotations

from ansible_collections.ipsecux.iosxe.plugins.module_utils.iosxe.parsers.registry import (
    PARSERS,
    TECH_SUPPORT,
    parse,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .cases import CASE_DIRS, command_of, read_output
from .shared_captures import SHARED_CAPTURES

# One line of text: no control characters, no line or paragraph separators.
LINE_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=60)
# A junk line starts with "~", which no parser accepts as the start of a line.
JUNK = LINE_TEXT.map(lambda text: f"~{text}".rstrip())
# (command, output): ours, and other projects' captures where ../shared is present.
OUTPUTS = [
    *((command_of(path), read_output(path)) for path in CASE_DIRS),
    *((capture.command, capture.text()) for capture in SHARED_CAPTURES if capture.available()),
]
SINGLE_COMMAND_OUTPUTS = [output for output in OUTPUTS if not output[0].startswith("show tech-support")]
SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(case=st.sampled_from(SINGLE_COMMAND_OUTPUTS), data=st.data())
def test_junk_lines_are_always_reported(case, data) -> None:
    command, output = case
    lines = output.splitlines()
    junk = data.draw(st.lists(JUNK, min_size=1, max_size=5))
    positions = [data.draw(st.integers(0, len(lines))) for _line in junk]
    for position, line in zip(positions, junk, strict=True):
        lines.insert(position, line)
    result = parse(command, "\n".join(lines))
    for line in junk:
        assert any(f'"{line.strip()}"' in warning for warning in result.warnings), line


@SETTINGS
@given(case=st.sampled_from(OUTPUTS), junk=st.lists(JUNK, min_size=1, max_size=3))
def test_junk_in_tech_support_sections_is_reported_with_the_section(case, junk) -> None:
    command, output = case
    header = f"------------------ {command} ------------------\n"
    text = header + "\n".join(junk) + "\n" + output
    result = parse("show tech-support ipsec", text)
    if command in result.data["unparsed"]:
        return
    for line in junk:
        assert any(
            warning.startswith(f"[{command}]") and f'"{line.strip()}"' in warning
            for warning in result.warnings
        )


@SETTINGS
@given(command=st.sampled_from(sorted({*PARSERS, TECH_SUPPORT})), text=st.text(max_size=400))
def test_arbitrary_text_never_raises(command: str, text: str) -> None:
    result = parse(command, text)
    assert isinstance(result.data, dict)
    assert all(isinstance(warning, str) for warning in result.warnings)
