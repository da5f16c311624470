"""Run Tempest's volume API suite against cinderlite behind a real Keystone (``tox -e tempest``).

    python -m tests.tempest.run [--workdir DIR] [--known-failures]

Starts the project's test Keystone and ``cinderlite-all`` behind it, writes
tempest.conf from what the service says about itself, and runs
``^tempest\\.api\\.volume\\.|^cinder_tempest_plugin\\.api\\.volume\\.``
serially (with several workers Keystone on SQLite answers "database is
locked"), leaving out ``exclude-list`` (Glance/Nova) and ``known-failures``.
Prints Tempest's totals and exits non-zero when a test fails.

``--known-failures`` runs only the known failures instead and exits non-zero
when an entry of the list passes: that entry must go.

The work directory (Keystone's and cinderlite's state and logs, tempest.conf,
tempest.log with every request and response) is removed after a green run and
kept, with its path printed, after a red one.
"""

import argparse
import collections
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from tests import virtualenvs
from tests.tempest import installation
from tests.tempest import lists
from tests.tempest import service
from tests.tempest import tempest_conf

SET_UP_CLASS = re.compile(r'^(setUpClass|tearDownClass) \((.*)\)$')
SUITE = r'^tempest\.api\.volume\.|^cinder_tempest_plugin\.api\.volume\.'


def say(text):
    print('[tempest] %s' % text, flush=True)


class Tempest:
    """The ``tempest`` command of the cached venv, run in ``workdir`` with its config."""

    def __init__(self, venv, workdir, config_file):
        self.venv = venv
        self.workdir = workdir
        self.config_file = config_file

    def _run(self, args, **kwargs):
        return subprocess.run([self.venv.bin('tempest'), 'run', '--config-file',
                               self.config_file] + args, cwd=self.workdir,
                              env=virtualenvs.without_bytecode_ban(), **kwargs)

    def list_tests(self):
        if not os.path.isdir(os.path.join(self.workdir, '.stestr')):
            subprocess.run([self.venv.bin('stestr'), 'init'], cwd=self.workdir, check=True,
                           capture_output=True)
        out = self._run(['--list-tests', '--regex', SUITE], check=True,
                        capture_output=True, text=True).stdout
        return [line.strip() for line in out.splitlines()
                if line.startswith(('tempest.', 'cinder_tempest_plugin.'))]

    def run(self, selection):
        """Run serially, Tempest's output passing through; its exit code."""
        return self._run(['--serial'] + selection).returncode

    def statuses(self):
        """``{test id: status}`` of the last run: success, failure or skip.

        A class whose set-up failed or skipped is one ``<class>.setUpClass``.
        """
        stream = subprocess.run([self.venv.bin('stestr'), 'last', '--subunit'],
                                cwd=self.workdir, check=True, capture_output=True).stdout
        # subunit2csv exits 1 when the stream holds a failure: its output is still whole.
        rows = subprocess.run([self.venv.bin('subunit2csv'), '--no-passthrough'],
                              input=stream, capture_output=True).stdout
        found = {}
        for row in csv.DictReader(io.StringIO(rows.decode())):
            test_id = row['test']
            fixture = SET_UP_CLASS.match(test_id)
            if fixture:
                test_id = '%s.%s' % (fixture.group(2), fixture.group(1))
            found[test_id] = row['status']
        return found


def start_cloud(workdir):
    keystone = service.start_keystone(workdir)
    cinder = service.CinderliteProcess(workdir, keystone)
    try:
        cinder.start()
        low, high = cinder.microversions()
        found = tempest_conf.Discovered(low, high, cinder.pools(), cinder.backends)
    except BaseException:
        cinder.stop()
        keystone.stop()
        raise
    say('cinderlite %s serves v3 %s to %s; pool: %s' % (
        cinder.url, low, high, ', '.join('%s=%s' % (k, found.pools[0].get(k)) for k in (
            'volume_backend_name', 'storage_protocol', 'vendor_name'))))
    return keystone, cinder, found


def entries_passing(entries, statuses):
    """The entries none of whose tests failed in the run."""
    by_entry = collections.defaultdict(list)
    for test_id, status in statuses.items():
        for entry in entries:
            if entry.matches(test_id):
                by_entry[entry.line].append(status)
    return [e for e in entries if by_entry[e.line] and 'failure' not in by_entry[e.line]]


def summarise(statuses, seconds):
    counts = collections.Counter(statuses.values())
    say('totals: ran %d, passed %d, failed %d, skipped %d in %.0f s' % (
        len(statuses), counts['success'], counts['failure'], counts['skip'], seconds))


def run_suite(tempest, workdir, known_failures_only):
    excluded = lists.read(lists.EXCLUDE_LIST)
    known = lists.read(lists.KNOWN_FAILURES)
    suite = tempest.list_tests()
    glance_nova = lists.matching(excluded, suite)
    known_tests = lists.matching(known, [t for t in suite if t not in glance_nova])
    say('%d tests match %s' % (len(suite), SUITE))
    say('excluded, need Glance or Nova (%d): see %s' % (len(glance_nova), lists.EXCLUDE_LIST))
    say('known failures (%d tests, %d entries): see %s' % (
        len(known_tests), len(known), lists.KNOWN_FAILURES))
    started = time.monotonic()
    if known_failures_only and not known:
        say('no known failures: nothing to run')
        return 0
    if known_failures_only:
        code = tempest.run(['--include-list', lists.KNOWN_FAILURES,
                            '--exclude-list', lists.EXCLUDE_LIST])
    else:
        merged = lists.write_merged([lists.EXCLUDE_LIST, lists.KNOWN_FAILURES],
                                    os.path.join(workdir, 'exclude-all'))
        code = tempest.run(['--regex', SUITE, '--exclude-list', merged])
    statuses = tempest.statuses()
    summarise(statuses, time.monotonic() - started)
    if not known_failures_only:
        say('not run: %d excluded (Glance/Nova), known failures (%d)'
            % (len(glance_nova), len(known_tests)))
        return code
    passing = entries_passing(known, statuses)
    for entry in passing:
        say('now passes, remove from known-failures (line %d): %s' % (entry.line, entry.regex))
    return 1 if passing else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--workdir', help='keep everything here (default: a new temp dir)')
    parser.add_argument('--known-failures', action='store_true',
                        help='run only the known failures; fail if one of them passes')
    args = parser.parse_args(argv)
    workdir = os.path.abspath(args.workdir or tempfile.mkdtemp(prefix='cinderlite-tempest-'))
    os.makedirs(workdir, exist_ok=True)
    started = time.monotonic()
    venv = installation.tempest_venv()
    keystone, cinder, found = start_cloud(workdir)
    try:
        config_file = os.path.join(workdir, 'tempest.conf')
        with open(config_file, 'w') as f:
            tempest_conf.make_conf(found, keystone, workdir).write(f)
        say('set up in %.0f s' % (time.monotonic() - started))
        code = run_suite(Tempest(venv, workdir, config_file), workdir, args.known_failures)
    finally:
        cinder.stop()
        keystone.stop()
    say('finished with status %d in %.0f s' % (code, time.monotonic() - started))
    if code and not args.workdir:
        say('logs kept in %s (tempest.log has every request and response)' % workdir)
    elif not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return code


if __name__ == '__main__':
    sys.exit(main())
