/* drso-drs-types.c: filled in by the service-call work. */
