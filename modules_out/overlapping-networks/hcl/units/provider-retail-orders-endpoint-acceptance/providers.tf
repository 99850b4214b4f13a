provider "aws" {
  allowed_account_ids = ["111111111111"]
  region              = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::111111111111:role/plgen-deploy"
    session_name = "plgen-provider-retail-orders-endpoint-acceptance"
  }
}
