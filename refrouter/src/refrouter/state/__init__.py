"""State layer: the configuration model, operational state, interface naming, persistence and secrets.

Imports nothing else from refrouter (docs/architecture.md)."""
