provider "aws" {
  region = var.regions["home"]
}

provider "aws" {
  alias = "eu_west_1"

  region = var.regions["eu_west_1"]
}
