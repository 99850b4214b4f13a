"""The judgments of ``plgen.paths.world``: one definition of what a rule admits, what the internet is, what an ACL lets through."""

from __future__ import annotations

from plgen.paths.world import AclEntry, NetworkAcl, Rule, acl_blocks, admits, open_to_internet, port, protocol


def test_protocols_and_ports_compare_as_aws_does() -> None:
    assert protocol("6") == protocol("TCP") == "tcp"
    assert protocol("all") == protocol(-1) == "-1"
    assert port("443") == 443 and port(443.0) == 443 and port(None) is None and port(True) is None


def test_equivalent_rules_admit_alike() -> None:
    modern = [Rule("ingress", "tcp", 443, 443, cidr="10.1.0.0/16")]
    legacy = [Rule("ingress", protocol("6"), port("443"), port("443"), cidr="10.1.0.0/16")]
    for rules in (modern, legacy):
        assert admits(rules, "10.1.2.0/24", 443, "tcp")
        assert not admits(rules, "10.2.0.0/24", 443, "tcp")
        assert not admits(rules, "10.1.2.0/24", 444, "tcp")
        assert not admits(rules, "10.1.2.0/24", 443, "udp")
    assert admits([Rule("ingress", "-1", None, None, cidr="10.0.0.0/8")], "10.1.0.0/16", 53, "udp")


def test_the_internet_in_any_spelling() -> None:
    assert open_to_internet([Rule("ingress", "tcp", 443, 443, cidr="0.0.0.0/0")]) == ["0.0.0.0/0"]
    halves = [Rule("ingress", "tcp", 443, 443, cidr="0.0.0.0/1"), Rule("ingress", "tcp", 443, 443, cidr="128.0.0.0/1")]
    assert open_to_internet(halves) == ["0.0.0.0/1", "128.0.0.0/1"]
    assert open_to_internet([Rule("ingress", "tcp", 443, 443, cidr="::/0")]) == ["::/0"]
    assert open_to_internet([Rule("ingress", "tcp", 443, 443, cidr="0.0.0.0/1")]) == []


def test_a_network_acl_is_first_match_and_stateless() -> None:
    empty = NetworkAcl("acl", ())
    assert "denies 10.1.0.0/16 in on tcp/443" in acl_blocks(empty, "tcp", 443, "10.1.0.0/16")
    deny_first = NetworkAcl("acl", (AclEntry(100, False, "deny", "-1", None, None, "0.0.0.0/0"), AclEntry(200, False, "allow", "-1", None, None, "0.0.0.0/0")))
    assert acl_blocks(deny_first, "tcp", 443, "10.1.0.0/16")
    inbound_only = NetworkAcl("acl", (AclEntry(100, False, "allow", "tcp", 443, 443, "10.1.0.0/16"),))
    assert "replies" in acl_blocks(inbound_only, "tcp", 443, "10.1.0.0/16")
    both = NetworkAcl("acl", (*inbound_only.entries, AclEntry(100, True, "allow", "tcp", 1024, 65535, "10.1.0.0/16")))
    assert acl_blocks(both, "tcp", 443, "10.1.0.0/16") is None
