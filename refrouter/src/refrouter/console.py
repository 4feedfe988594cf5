"""The `refrouter` console script: library deprecation warnings stay out of the user's terminal.

cryptography warns about algorithms asyncssh still offers (TripleDES, Blowfish, ...) when asyncssh imports
them; that says nothing about the user's lab. The filters are set before anything imports asyncssh, and only
when the user did not ask for warnings (`-W`, PYTHONWARNINGS).
"""

from __future__ import annotations

import sys
import warnings


def hide_library_deprecations() -> None:
    if sys.warnoptions:
        return
    from cryptography.utils import CryptographyDeprecationWarning

    warnings.filterwarnings("ignore", category=CryptographyDeprecationWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"asyncssh(\.|$)")


def main() -> int:
    hide_library_deprecations()
    from .main import main as run

    return run()
