provider "aws" {
  allowed_account_ids = ["222222222222"]
  region              = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::222222222222:role/plgen-deploy"
    session_name = "plgen-provider-freight-tracking"
  }
}
