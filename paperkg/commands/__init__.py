"""One module per ``paperkg`` sub-command; each defines ``register(subparsers)``."""
