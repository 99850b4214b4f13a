provider "aws" {
  allowed_account_ids = ["666666666666"]
  region              = "eu-central-1"

  assume_role {
    role_arn     = "arn:aws:iam::666666666666:role/plgen-deploy"
    session_name = "plgen-peer-shop-use1-shop-home"
  }
}
