provider "aws" {
  region = var.regions["home"]
}

provider "aws" {
  alias = "eu_central_1"

  region = var.regions["eu_central_1"]
}
