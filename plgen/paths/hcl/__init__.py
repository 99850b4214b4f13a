"""Terraform's expression language, evaluated as Terraform evaluates it: values, syntax, types, functions, expressions.

``values`` (``Ref``, the errors), ``syntax`` (python-hcl2's Lark tree of one
expression), ``types`` (type constraints and conversion), ``functions`` (the
function library) and ``expressions`` (the evaluator) know nothing of modules
or resources; ``plgen.paths.instances`` expands those.
"""
