"""`python -m refrouter`: the console script."""
from .console import main

raise SystemExit(main())
