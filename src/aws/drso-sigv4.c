/* drso-sigv4.c: written by the SigV4 work. */
