"""Offline stand-in for ansible-test's pip bootstrap script (get-pip-24.2.py).

ansible-test sanity builds one venv per test and bootstraps pip in it by downloading get-pip from a host
that CI cannot reach. `make setup` copies this file to `$HOME/.ansible/test/cache/get_pip_24_2.py` (where
ansible-test looks first) next to the pip 24.2 wheel, so the bootstrap runs pip from that wheel instead.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PIP_WHEEL = os.path.join(HERE, "pip-24.2-py3-none-any.whl")
GET_PIP_ONLY_FLAGS = ("--no-setuptools", "--no-wheel")

sys.path.insert(0, PIP_WHEEL)

from pip._internal.cli.main import main  # importable only once the wheel is on sys.path

pip_args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_FLAGS]
sys.exit(main(["install", "--upgrade", "--force-reinstall", "--find-links", HERE, *pip_args]))
