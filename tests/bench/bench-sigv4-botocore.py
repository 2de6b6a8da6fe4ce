#!/usr/bin/python3
# bench-sigv4-botocore.py: signatures per second of botocore's SigV4Auth on a
# DescribeSourceServers call; the same work as bench-sigv4.c does with ours.
#
# Copyright 2026 The DRS Orchestrator authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: /usr/bin/python3 bench-sigv4-botocore.py [ITERATIONS]
# (Debian's interpreter, which has python3-botocore.)

import sys
import time

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

BODY = b'{"maxResults":100}'
TOKEN = ('AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSP'
         'fIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYw'
         'T7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKm'
         'lzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==')
CREDENTIALS = Credentials('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY', TOKEN)


def new_request():
    return AWSRequest(method='POST', url='https://drs.us-east-1.amazonaws.com/DescribeSourceServers',
                      data=BODY, headers={'Host': 'drs.us-east-1.amazonaws.com',
                                          'Content-Type': 'application/json'})


def run(iterations, build_each_time):
    auth = SigV4Auth(CREDENTIALS, 'drs', 'us-east-1')
    reused = new_request()
    start = time.perf_counter()
    for _ in range(iterations):
        auth.add_auth(new_request() if build_each_time else reused)
    return iterations / (time.perf_counter() - start)


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    run(iterations // 10, True)       # warm up
    best_build = best_resign = 0.0
    for _ in range(3):
        best_build = max(best_build, run(iterations, True))
        best_resign = max(best_resign, run(iterations, False))
    print('botocore %s SigV4Auth, POST /DescribeSourceServers with a session token, best of 3 x %d:'
          % (botocore.__version__, iterations))
    print('  new request + sign: %.0f signatures/s' % best_build)
    print('  sign again:         %.0f signatures/s' % best_resign)


if __name__ == '__main__':
    main()
