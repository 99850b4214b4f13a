provider "aws" {
  allowed_account_ids = ["666666666666"]
  region              = "eu-central-1"

  assume_role {
    role_arn = "arn:aws:iam::666666666666:role/plgen-deploy"
  }
}

provider "aws" {
  alias = "us_east_1_555555555555"

  allowed_account_ids = ["555555555555"]
  region              = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::555555555555:role/plgen-deploy"
  }
}
