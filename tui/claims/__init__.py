"""The claims view: every tagged passage with its counterparts in the other articles."""
