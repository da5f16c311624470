"""Issue 12 item 3: one access log line per API request, on by default, configurable."""

import logging
import re

from tests import fixtures

LINE = re.compile(r'^(?P<method>\S+) (?P<path>\S+) (?P<status>\d{3}) (?P<bytes>\d+) bytes '
                  r'(?P<seconds>\d+\.\d{3}) s request (?P<request_id>\S+) '
                  r'project (?P<project>\S+)$')


def _access_lines(caplog):
    return [LINE.match(r.getMessage()).groupdict() for r in caplog.records
            if r.name == 'cinderlite.api.access']


def test_each_request_gets_one_access_line(cloud, caplog):
    caplog.set_level(logging.INFO, logger='cinderlite.api.access')
    listed = cloud.request('GET', '/v3/p1/volumes?limit=5')
    refused = cloud.request('GET', '/v3/p1/volumes', token='no-colon')
    missing = cloud.request('GET', '/v3/p1/volumes/nope')
    # A line is written once the server is done with the response, which may
    # be after the client has read it: wait for all three, in any order.
    fixtures.wait_for(lambda: len(_access_lines(caplog)) >= 3, what='three lines')
    lines = {x['request_id']: x for x in _access_lines(caplog)}
    assert len(lines) == 3
    for resp, path, status, project in (
            (listed, '/v3/p1/volumes?limit=5', '200', 'p1'),
            (refused, '/v3/p1/volumes', '401', '-'),
            (missing, '/v3/p1/volumes/nope', '404', 'p1')):
        line = lines[resp.headers['x-openstack-request-id']]
        assert (line['method'], line['path'], line['status'], line['project']) == (
            'GET', path, status, project)
        assert int(line['bytes']) == len(resp.body)


def test_access_log_false_turns_it_off(make_cloud, caplog):
    cloud = make_cloud(access_log=False)
    caplog.set_level(logging.INFO, logger='cinderlite.api.access')
    assert cloud.request('GET', '/v3/p1/volumes').status == 200
    cloud.api.stop()
    cloud.api.wait()
    assert _access_lines(caplog) == []
