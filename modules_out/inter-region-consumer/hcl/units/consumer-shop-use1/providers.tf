provider "aws" {
  allowed_account_ids = ["555555555555"]
  region              = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::555555555555:role/plgen-deploy"
    session_name = "plgen-consumer-shop-use1"
  }
}
