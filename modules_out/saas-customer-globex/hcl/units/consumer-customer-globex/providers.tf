provider "aws" {
  allowed_account_ids = ["333333333333"]
  region              = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::333333333333:role/platform-network"
    session_name = "plgen-consumer-customer-globex"
  }
}
