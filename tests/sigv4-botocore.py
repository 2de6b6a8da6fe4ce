#!/usr/bin/python3
# sigv4-botocore.py: cross-check of our SigV4 signer against botocore's.
#
# Copyright 2026 The DRS Orchestrator authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: /usr/bin/python3 sigv4-botocore.py PATH/TO/sigv4-sign-tool [COUNT]
#
# Generates requests with a fixed seed, signs each with botocore's SigV4Auth
# (Debian's python3-botocore, at a fixed time) and with our signer through
# sigv4-sign-tool (run once for all of them), and requires the same
# Authorization header. Our side gets the request as a server receives it:
# the path as botocore signed it and the query as botocore puts it on the wire.

import base64
import datetime
import json
import random
import subprocess
import sys
from unittest import mock
from urllib.parse import quote, urlsplit

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SEED = 20260101
DEFAULT_COUNT = 1200
SHOWN_MISMATCHES = 3

METHODS = ['GET', 'POST', 'PUT', 'DELETE']
SERVICES = {
    'drs': 'drs.{region}.amazonaws.com',
    'ec2': 'ec2.{region}.amazonaws.com',
    'sts': 'sts.{region}.amazonaws.com',
}
REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2',
           'sa-east-1', 'us-gov-west-1']
KEYS = [
    ('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'),
    ('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'),
    ('ASIAQEXAMPLE2', 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'),
    ('ASIAQEXAMPLE3', 'Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV6cXV1eg+/+/'),
    ('ASIAQEXAMPLE4', 's3cr3t with spaces and ünïcödé'),
    ('ASIAQEXAMPLE5', 'x'),
]
TOKENS = [
    None,
    'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
    'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD=',
]
# Characters for path segments: no "?" or "#" (they would end the path in a
# URL), no tab or newline (urlsplit drops them).
SEGMENT_ALPHABET = (
    list('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~') +
    list(":@!$&'()*+,;= %") +
    ['é', 'ሴ', '日本', 'Ω', '\u00a0', '%3A', '%2F', '%20', '%25', '%E1%88%B4'])
QUERY_ALPHABET = (
    list('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~') +
    list(" :/?#[]@!$&'()*+,;=%\"<>^`{|}") +
    ['é', 'ሴ', '日本', '\u00a0'])
HEADER_VALUE_ALPHABET = list(
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:;,/"=()[]{}<>@?!*+')
UNSIGNED_HEADERS = ['User-Agent', 'X-Amzn-Trace-Id', 'Expect']


class FixedClock(datetime.datetime):
    """Stands for datetime.datetime in botocore.auth, at a chosen time."""
    now_value = datetime.datetime(2026, 1, 1)

    @classmethod
    def utcnow(cls):
        return cls.now_value


class RecordingSigV4Auth(SigV4Auth):
    """botocore's SigV4Auth, remembering the canonical request it signed."""
    last_canonical_request = None

    def canonical_request(self, request):
        text = super().canonical_request(request)
        self.last_canonical_request = text
        return text


def random_text(rng, alphabet, low, high):
    return ''.join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def random_path(rng):
    kind = rng.random()
    if kind < 0.15:
        return '/'
    if kind < 0.35:
        arn = 'arn:aws:drs:%s:%012d:%s/%s-%017x' % (
            rng.choice(REGIONS), rng.randrange(10 ** 12),
            rng.choice(['source-server', 'job', 'recovery-instance']),
            rng.choice(['s', 'drsjob', 'i']), rng.randrange(16 ** 17))
        return '/tags/' + quote(arn, safe='')
    segments = []
    for _ in range(rng.randint(1, 5)):
        pick = rng.random()
        if pick < 0.1:
            segments.append('.')
        elif pick < 0.2:
            segments.append('..')
        elif pick < 0.28:
            segments.append('')
        else:
            segments.append(random_text(rng, SEGMENT_ALPHABET, 1, 8))
    path = '/' + '/'.join(segments)
    if rng.random() < 0.2:
        path += '/'
    return path


def random_params(rng):
    params = []
    keys = [random_text(rng, QUERY_ALPHABET, 0, 6) for _ in range(rng.randint(1, 4))]
    for _ in range(rng.randint(0, 6)):
        key = rng.choice(keys)              # repeated keys
        pick = rng.random()
        if pick < 0.25:
            value = ''                      # empty value
        else:
            value = random_text(rng, QUERY_ALPHABET, 1, 10)
        params.append((key, value))
    return params


def random_header_value(rng):
    words = [random_text(rng, HEADER_VALUE_ALPHABET, 1, 6) for _ in range(rng.randint(0, 4))]
    value = ''
    for i, word in enumerate(words):
        if i > 0:
            value += rng.choice([' ', '  ', '   ', '\t', ' \t '])
        value += word
    return rng.choice(['', ' ', '  ', '\t']) + value + rng.choice(['', ' ', '   ', '\t'])


def random_headers(rng, host):
    headers = [('Host', host)]
    names = ['X-Custom-%d' % i for i in range(4)] + ['Content-Type', 'Accept', 'X-Amz-Target']
    for _ in range(rng.randint(0, 6)):
        name = rng.choice(names)
        name = ''.join(c.upper() if rng.random() < 0.3 else c.lower() for c in name)
        headers.append((name, random_header_value(rng)))
    if rng.random() < 0.3:
        headers.append((rng.choice(UNSIGNED_HEADERS), random_header_value(rng)))
    rng.shuffle(headers)
    return headers


def random_body(rng):
    pick = rng.random()
    if pick < 0.3:
        return b''
    if pick < 0.6:
        return json.dumps({'maxResults': rng.randint(1, 1000),
                           'nextToken': random_text(rng, HEADER_VALUE_ALPHABET, 0, 20)}).encode()
    return bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))


def generate(rng, index):
    service = rng.choice(list(SERVICES))
    region = rng.choice(REGIONS)
    key, secret = rng.choice(KEYS)
    return {
        'method': rng.choice(METHODS),
        'service': service,
        'region': region,
        'host': SERVICES[service].format(region=region),
        'path': random_path(rng),
        'params': random_params(rng) if rng.random() < 0.7 else [],
        'body': random_body(rng),
        'key': key,
        'secret': secret,
        'token': rng.choice(TOKENS),
        'time': datetime.datetime(2026, 1, 1) + datetime.timedelta(seconds=rng.randrange(10 ** 9 // 4)),
    }


def sign_with_botocore(case):
    request = AWSRequest(method=case['method'], url='https://%s%s' % (case['host'], case['path']),
                         data=case['body'], params=case['params'])
    for name, value in case['headers']:
        request.headers[name] = value      # appends: repeated names stay
    auth = RecordingSigV4Auth(Credentials(case['key'], case['secret'], case['token']),
                              case['service'], case['region'])
    FixedClock.now_value = case['time']
    with mock.patch.object(botocore.auth.datetime, 'datetime', FixedClock):
        auth.add_auth(request)
    wire = urlsplit(request.prepare().url)
    return request.headers['Authorization'], auth.last_canonical_request, wire


def tool_input(case, wire):
    return json.dumps({
        'method': case['method'],
        'path': urlsplit('https://%s%s' % (case['host'], case['path'])).path,
        'query': wire.query or None,
        'headers': case['headers'],
        'body': base64.b64encode(case['body']).decode(),
        'region': case['region'],
        'service': case['service'],
        'time': int(case['time'].replace(tzinfo=datetime.timezone.utc).timestamp()),
        'key': case['key'],
        'secret': case['secret'],
        'token': case['token'],
    }, ensure_ascii=False)


def run_tool(tool, lines, *args):
    result = subprocess.run([tool, *args], input='\n'.join(lines) + '\n',
                            capture_output=True, text=True, encoding='utf-8')
    if result.returncode != 0:
        sys.exit('sigv4-botocore: %s failed (%d): %s' % (tool, result.returncode, result.stderr))
    return result.stdout.splitlines()


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: sigv4-botocore.py SIGN-TOOL [COUNT]')
    tool = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_COUNT

    rng = random.Random(SEED)
    cases, expected, canonical, lines = [], [], [], []
    for index in range(count):
        case = generate(rng, index)
        case['headers'] = random_headers(rng, case['host'])
        authorization, canonical_request, wire = sign_with_botocore(case)
        cases.append(case)
        expected.append(authorization)
        canonical.append(canonical_request)
        lines.append(tool_input(case, wire))

    ours = run_tool(tool, lines)
    if len(ours) != count:
        sys.exit('sigv4-botocore: %d requests but %d signatures' % (count, len(ours)))

    failed = [i for i in range(count) if ours[i] != expected[i]]
    if failed:
        shown = failed[:SHOWN_MISMATCHES]
        our_canonical = run_tool(tool, [lines[i] for i in shown], '--canonical-request')
        for i, text in zip(shown, our_canonical):
            print('# mismatch in request %d: %s' % (i, lines[i]))
            print('#   botocore: %s' % expected[i])
            print('#   ours:     %s' % ours[i])
            print('# botocore canonical request:')
            print('\n'.join('#   ' + l for l in canonical[i].split('\n')))
            print('# our canonical request:')
            print('\n'.join('#   ' + l for l in json.loads(text).split('\n')))

    print('%d passed, %d failed' % (count - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
