"""RunningConfig <-> native XML, one module per resource; netconf/mapping.py puts them together."""
