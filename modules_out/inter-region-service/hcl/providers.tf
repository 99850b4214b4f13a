provider "aws" {
  region = var.regions["home"]
}

provider "aws" {
  alias = "us_east_1"

  region = var.regions["us_east_1"]
}
