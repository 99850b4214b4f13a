provider "aws" {
  allowed_account_ids = ["444444444444"]
  region              = "us-east-1"

  assume_role {
    role_arn     = "arn:aws:iam::444444444444:role/plgen-deploy"
    session_name = "plgen-consumer-partners"
  }
}
