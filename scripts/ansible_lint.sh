#!/usr/bin/env bash
# `make lint` (second half): ansible-lint, production profile, offline, on roles/ and playbooks/.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=()
for dir in roles playbooks; do
    if [[ -n $(find "$dir" -type f \( -name '*.yml' -o -name '*.yaml' \) -print -quit 2>/dev/null) ]]; then
        targets+=("$dir/")
    fi
done
if (( ${#targets[@]} == 0 )); then
    echo "ansible-lint: skipped, roles/ and playbooks/ hold no YAML yet"
    exit 0
fi
# Plain output in CI logs; colours at a terminal.
[[ -t 1 ]] || export NO_COLOR=1
# The venv's bin must be on PATH: ansible-lint runs ansible-config and ansible-playbook by name.
PATH="$PWD/.venv/bin:$PATH" exec .venv/bin/ansible-lint "${targets[@]}"
