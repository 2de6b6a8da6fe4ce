/* drso-drs-calls.c: filled in by the service-call work. */
