provider "aws" {
  allowed_account_ids = ["555555555555"]
  region              = "eu-central-1"

  assume_role {
    role_arn     = "arn:aws:iam::555555555555:role/plgen-deploy"
    session_name = "plgen-consumer-shop-home"
  }
}
