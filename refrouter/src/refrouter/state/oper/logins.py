"""Who is logged in on which terminal line: the table `show users` prints.

SSH sessions take the lowest free vty (IOS numbers `vty 0` as absolute line 1 on a C8000V, after `con 0`).
Idle time is wall time since the line's last input, like IOS (not the lab's scaled clock).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

CONSOLE_LINE_NUMBER = 0
FIRST_VTY_LINE_NUMBER = 1


@dataclass
class Login:
    vty: int
    user: str
    peer: str
    last_input: float = field(default_factory=time.monotonic)

    @property
    def name(self) -> str:
        """The line as `show users` prints it (`vty 0`)."""
        return f"vty {self.vty}"

    @property
    def tty(self) -> str:
        """The line as syslog names it (`vty0`)."""
        return f"vty{self.vty}"

    @property
    def number(self) -> int:
        return FIRST_VTY_LINE_NUMBER + self.vty

    def touch(self) -> None:
        self.last_input = time.monotonic()

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input


class LoginTable:
    def __init__(self) -> None:
        self._logins: dict[int, Login] = {}

    def open(self, user: str, peer: str) -> Login:
        vty = next(n for n in range(len(self._logins) + 1) if n not in self._logins)
        login = Login(vty, user, peer)
        self._logins[vty] = login
        return login

    def close(self, login: Login) -> None:
        if self._logins.get(login.vty) is login:
            del self._logins[login.vty]

    def active(self) -> list[Login]:
        return [self._logins[vty] for vty in sorted(self._logins)]
