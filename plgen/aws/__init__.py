"""AWS facts, each written once, each with the AWS documentation it comes from.

The bottom layer (beside ``plgen.errors``): it imports nothing else of plgen,
and every other layer (the blueprint and its rules, the module interfaces, the
path proof, the generated contracts, the test emulator) reads its AWS facts
from here instead of keeping a copy.

- ``protocols``: NLB listener, target and health-check protocols; the IP
  protocols each listener protocol carries; VPC Lattice resource protocols.
- ``addresses``: the internet (IPv4 and IPv6), private and documentation
  ranges, and whether a set of networks covers the whole internet.
- ``quotas``: the service quotas the rules check.
- ``regions``: Regions, their partitions, and Availability Zone ID formats.
- ``arns``: partitions and the ARN formats plgen accepts.
- ``names``: name rules (resource names, tags, buckets, domains, IAM role names, resource IDs).
- ``iam``: the IAM actions each Terraform resource type plgen emits needs.
"""
