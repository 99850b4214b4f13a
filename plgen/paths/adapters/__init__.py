"""Adapters that hand the hops the world they judge: ``terraform`` (an evaluated root, offline)."""
