provider "aws" {
  allowed_account_ids = ["111111111111"]
  region              = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::111111111111:role/plgen-deploy"
  }
}

provider "aws" {
  alias = "eu_west_1"

  allowed_account_ids = ["111111111111"]
  region              = "eu-west-1"

  assume_role {
    role_arn = "arn:aws:iam::111111111111:role/plgen-deploy"
  }
}
