/* drso-ec2.c: filled in by the service-call work. */
