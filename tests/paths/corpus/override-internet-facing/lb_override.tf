resource "aws_lb" "service" {
  internal = false
}
