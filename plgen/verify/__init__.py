"""Checks on rendered modules with the real Terraform CLI: init, validate, plan, apply."""
