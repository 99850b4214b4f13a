output "analyses" {
  description = "Per path: the analysis ID (its explanations name the blocking component when no path is found)."
  value       = { for key, analysis in aws_ec2_network_insights_analysis.this : key => analysis.id }
}

output "path_found" {
  description = "Per `<provider>/<service>/<protocol>/<port>`: whether Reachability Analyzer found the path from the probe to the endpoint (true once applied)."
  value = {
    for key, analysis in aws_ec2_network_insights_analysis.this : key => analysis.path_found
  }
}

output "proven_by_plgen_only" {
  description = "Hops Reachability Analyzer does not analyse from this account, proven by plgen's own path proof (plgen paths) only: endpoint service -> NLB listener (the provider's account); NLB listener -> target group -> targets (health, ports, the NLB's security group); private DNS name -> endpoint (resolution is not a network path)."
  value = [
    "endpoint service -> NLB listener (the provider's account)",
    "NLB listener -> target group -> targets (health, ports, the NLB's security group)",
    "private DNS name -> endpoint (resolution is not a network path)",
  ]
}
