output "connection_notifications" {
  description = "Per service with notifications: the connection notification's ID, its SNS topic (subscribe to it) and the events it publishes."
  value = {
    for key, notification in aws_vpc_endpoint_connection_notification.this : key => {
      id        = notification.id
      topic_arn = notification.connection_notification_arn
      events    = notification.connection_events
    }
  }
}

output "endpoint_services" {
  description = "Per service: endpoint service ID, service name (what consumers put in their endpoint), ARN, NLB ARN, the TXT record that verifies the private DNS name, the target group ARN per listener port (for an ECS service or Auto Scaling group to register with), the security group to put in-VPC targets in, and the NLB's own security group."
  value = {
    for key, service in aws_vpc_endpoint_service.this : key => {
      id                       = service.id
      service_name             = service.service_name
      arn                      = service.arn
      load_balancer_arn        = aws_lb.this[key].arn
      private_dns_name         = service.private_dns_name
      private_dns_verification = service.private_dns_name_configuration
      private_dns_verified = try(aws_vpc_endpoint_service_private_dns_verification.this[key].wait_for_verification, false) || try(
        service.private_dns_name_configuration[0].state == "verified",
        false,
      )
      target_group_arns = {
        for lkey, group in aws_lb_target_group.this : split("/", lkey)[1] => group.arn
        if split("/", lkey)[0] == key
      }
      target_security_group_id        = try(aws_security_group.targets[key].id, null)
      load_balancer_security_group_id = aws_security_group.nlb[key].id
    }
  }
}

output "route_table_ids" {
  description = "Route tables of the subnets, for peering and on-premises routes."
  value       = local.route_table_ids
}

output "subnet_ids" {
  description = "Subnet ID per AZ ID."
  value       = local.subnet_ids
}

output "vpc_id" {
  description = "ID of the VPC (created or given)."
  value       = local.vpc_id
}
