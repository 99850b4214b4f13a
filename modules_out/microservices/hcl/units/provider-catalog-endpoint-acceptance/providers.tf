provider "aws" {
  allowed_account_ids = ["333333333333"]
  region              = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::333333333333:role/plgen-deploy"
    session_name = "plgen-provider-catalog-endpoint-acceptance"
  }
}
