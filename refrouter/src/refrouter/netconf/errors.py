"""RFC 6241 `<rpc-error>`: one exception type carrying error-type, error-tag and error-info."""

from __future__ import annotations

from dataclasses import dataclass, field

from .xml import BASE_NS, Element, new, sub

# RFC 6241 Appendix A: the error-type each tag is reported with here.
ERROR_TYPES = {
    "in-use": "protocol",
    "invalid-value": "application",
    "too-big": "transport",
    "missing-attribute": "protocol",
    "bad-attribute": "protocol",
    "unknown-attribute": "protocol",
    "missing-element": "protocol",
    "bad-element": "application",
    "unknown-element": "application",
    "unknown-namespace": "application",
    "access-denied": "protocol",
    "lock-denied": "protocol",
    "resource-denied": "application",
    "data-exists": "application",
    "data-missing": "application",
    "operation-not-supported": "protocol",
    "operation-failed": "application",
    "malformed-message": "rpc",
}


@dataclass
class RpcError(Exception):
    tag: str
    message: str = ""
    path: str | None = None
    info: dict[str, str] = field(default_factory=dict)
    app_tag: str | None = None
    error_type: str | None = None

    def __str__(self) -> str:
        return f"{self.tag}: {self.message}"

    def to_xml(self) -> Element:
        err = new("rpc-error", BASE_NS)
        sub(err, "error-type", self.error_type or ERROR_TYPES.get(self.tag, "application"))
        sub(err, "error-tag", self.tag)
        sub(err, "error-severity", "error")
        if self.app_tag:
            sub(err, "error-app-tag", self.app_tag)
        if self.path:
            sub(err, "error-path", self.path)
        if self.message:
            msg = sub(err, "error-message", self.message)
            msg.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
        if self.info:
            info = sub(err, "error-info")
            for name, value in self.info.items():
                sub(info, name, value)
        return err


def bad_element(tag: str, element: str, message: str, path: str | None = None) -> RpcError:
    return RpcError(tag, message, path, {"bad-element": element})
