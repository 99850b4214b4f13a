"""Emitters: Terraform JSON (and HCL) module files, laid out and written atomically."""
