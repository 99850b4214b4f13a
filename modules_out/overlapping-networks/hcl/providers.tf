provider "aws" {
  region = var.regions["home"]
}
