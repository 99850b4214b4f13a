provider "aws" {
  allowed_account_ids = ["333333333333"]
  region              = "eu-west-1"

  assume_role {
    role_arn     = "arn:aws:iam::333333333333:role/warehouse-network"
    session_name = "plgen-consumer-warehouse-app"
  }
}
