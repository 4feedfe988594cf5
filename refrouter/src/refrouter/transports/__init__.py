"""Transports: SSH (CLI shell, NETCONF subsystem) and the NETCONF message layer that feed the sessions."""
