output "acceptance_us_east_1" {
  description = "What other units read of module.acceptance_us_east_1: accepted."
  value       = { for key, m in module.acceptance_us_east_1 : key => { accepted = m.accepted } }
}
