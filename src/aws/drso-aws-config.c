/* drso-aws-config.c: written by the config work. */
