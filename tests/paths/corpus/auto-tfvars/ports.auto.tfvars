listener_port = 443
