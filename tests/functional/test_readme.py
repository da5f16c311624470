"""README.rst's commands, run as a new user runs them, parsed out of README itself.

Every literal block of README is a list of shell commands, and each block is
run here: the install command (which starts the service), the test command
(with the tox environments of the suite cut to ``lint``: running the suite
from inside the suite would never end), and the walkthrough with the real
``cinder`` and ``openstack`` CLIs in one shell, as a user pastes them. Each
runs in a fresh copy of the repository, with ``python3`` on PATH being, in
turn, the Python that runs these tests and Debian's ``/usr/bin/python3``.
The only change made to a command is the service's URL: the service listens
on a free port, set in ``~/.cinderlite/cinderlite.conf`` of a private HOME.

These tests take minutes (pip installs into new virtualenvs), so they run in
their own tox environment, ``tox -e readme`` (``pytest --readme``), which
README's test command and CI include.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request

import pytest

from tests import fixtures

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
README_URL = 'http://127.0.0.1:8776'
ADMIN = {'X-Auth-Token': 'admin:p1'}


def literal_blocks(text):
    """The literal blocks (after a paragraph ending in ``::``) of reStructuredText."""
    blocks = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not line.rstrip().endswith('::') or line.lstrip().startswith('..'):
            continue
        block = []
        for following in lines[i + 2:]:
            if following and not following.startswith(' '):
                break
            block.append(following)
        blocks.append(textwrap.dedent('\n'.join(block)).strip())
    return blocks


def commands(block):
    """The shell commands of a block, continuation lines joined."""
    return [c.strip() for c in re.sub(r'\\\n\s*', '', block).splitlines() if c.strip()]


def readme_blocks():
    """README's blocks by role; a block no test runs fails here."""
    with open(os.path.join(REPO, 'README.rst')) as f:
        blocks = literal_blocks(f.read())
    roles = {}
    for block in blocks:
        first = commands(block)[0]
        if 'cinderlite-all' in first:
            role = 'install'
        elif re.search(r'\btox -e ', first):
            role = 'test'
        elif first.startswith('.venv/bin/pip install python-cinderclient'):
            role = 'walkthrough'
        elif 'openstack ' in first:
            role = 'openstack'
        else:
            raise AssertionError('README.rst has a block no test runs:\n%s' % block)
        assert role not in roles, 'README.rst has two %s blocks' % role
        roles[role] = commands(block)
    assert set(roles) == {'install', 'test', 'walkthrough', 'openstack'}, roles
    return roles


def interpreters():
    """The Python running these tests (its base, not a virtualenv) and Debian's."""
    found = {}
    for path in (getattr(sys, '_base_executable', sys.executable), '/usr/bin/python3'):
        if os.path.exists(path):
            found.setdefault(os.path.realpath(path), path)
    return sorted(found.values())


@pytest.fixture(params=interpreters())
def fresh_machine(request, tmp_path):
    """A copy of the repository (a git checkout) and the environment of a new user.

    ``python3`` on PATH is the parameter; nothing of this test's virtualenv
    is visible. Yields ``(checkout, env)``.
    """
    checkout = tmp_path / 'cinderlite'
    files = subprocess.run(['git', 'ls-files', '-z'], cwd=REPO, check=True,
                           capture_output=True).stdout.decode().split('\0')
    for name in filter(None, files):
        if os.path.exists(os.path.join(REPO, name)):
            os.makedirs(checkout / os.path.dirname(name), exist_ok=True)
            shutil.copy2(os.path.join(REPO, name), checkout / name)
    git = ['git', '-c', 'user.name=t', '-c', 'user.email=t@example.com']
    subprocess.run(['git', 'init', '-q'], cwd=checkout, check=True)
    subprocess.run(git + ['add', '-A'], cwd=checkout, check=True)
    subprocess.run(git + ['commit', '-qm', 'copy'], cwd=checkout, check=True)
    bin_dir = tmp_path / 'bin'
    bin_dir.mkdir()
    os.symlink(request.param, bin_dir / 'python3')
    home = tmp_path / 'home'
    home.mkdir()
    ours = os.path.dirname(sys.executable)
    path = [str(bin_dir)] + [p for p in os.environ['PATH'].split(os.pathsep) if p != ours]
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('PYTHON', 'VIRTUAL_ENV', 'TOX', 'OS_', 'CINDER'))}
    # A new user's pip would download what this machine's cache holds.
    env.setdefault('PIP_CACHE_DIR', os.path.expanduser(os.path.join('~', '.cache', 'pip')))
    env.update(PATH=os.pathsep.join(path), HOME=str(home))
    yield checkout, env


def run(command, checkout, env, timeout=900):
    result = subprocess.run(['bash', '-c', command], cwd=checkout, env=env,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, '%s\nexited %s:\n%s\n%s' % (
        command, result.returncode, result.stdout[-3000:], result.stderr[-5000:])
    return result.stdout


def test_readme_test_command_is_what_ci_runs():
    test_command, = readme_blocks()['test']
    with open(os.path.join(REPO, '.ci', 'run')) as f:
        assert "test_command='%s'\n" % test_command in f.read()


def test_the_test_command_works_with_any_python3(fresh_machine):
    """Bug (issue 12): it ran pip on Debian's python3, which refuses (PEP 668)."""
    checkout, env = fresh_machine
    test_command, = readme_blocks()['test']
    assert re.search(r' -e [a-z0-9,]+$', test_command), test_command
    run(re.sub(r' -e [a-z0-9,]+$', ' -e lint', test_command), checkout, env)


class Service:
    """README's install command, running (it ends by starting cinderlite-all)."""

    def __init__(self, command, checkout, env):
        self.port = fixtures.free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        config = os.path.join(env['HOME'], '.cinderlite', 'cinderlite.conf')
        os.makedirs(os.path.dirname(config))
        with open(config, 'w') as f:
            f.write('[DEFAULT]\nosapi_volume_listen_port = %d\n' % self.port)
        self.log = open(checkout.parent / 'install-and-run.log', 'w+')
        self.process = subprocess.Popen(['bash', '-c', command], cwd=checkout, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def answers(self):
        if self.process.poll() is not None:
            self.log.seek(0)
            raise AssertionError('README install command exited %s:\n%s' % (
                self.process.returncode, self.log.read()[-5000:]))
        try:
            urllib.request.urlopen(self.url + '/', timeout=2)
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False
        return True

    def get(self, path):
        req = urllib.request.Request(self.url + path, headers=ADMIN)
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.load(resp)

    def post(self, path, body):
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(),
                                     headers=dict(ADMIN, **{
                                         'Content-Type': 'application/json'}))
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status
        except urllib.error.HTTPError as e:
            return e.code

    def stop(self):
        """SIGTERM to the shell and cinderlite-all, as Ctrl-C would; wait until both end."""
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(60)

        def gone():
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return True
            return False
        try:
            fixtures.wait_for(gone, timeout=60, interval=0.2,
                              what='cinderlite-all to stop on SIGTERM')
        finally:
            if not gone():
                os.killpg(self.process.pid, signal.SIGKILL)
            self.log.close()


SETTLE = '''\
import json, sys, time, urllib.request
# Waits, as a person typing would, until nothing of p1 is still in progress.
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    busy = []
    for kind in ('volumes', 'consistencygroups', 'cgsnapshots'):
        req = urllib.request.Request('%s/v3/p1/%s/detail' % (sys.argv[1], kind),
                                     headers={'X-Auth-Token': 'admin:p1'})
        with urllib.request.urlopen(req) as resp:
            busy += [r for r in json.load(resp)[kind] if r['status'] == 'creating']
    if not busy:
        sys.exit(0)
    time.sleep(0.2)
sys.exit('still creating after 60 s: %r' % busy)
'''


def test_install_start_and_walk_through_with_any_python3(fresh_machine, tmp_path):
    """Bugs (issue 12): ``openstack`` failed in README's shell (OS_PROJECT_ID),
    and the default quota stopped group clones right after README's steps (413).
    """
    checkout, env = fresh_machine
    blocks = readme_blocks()
    install, = blocks['install']
    service = Service(install, checkout, env)
    try:
        fixtures.wait_for(service.answers, timeout=900, interval=1,
                          what="README's install command to start the service")
        settle = tmp_path / 'settle.py'
        settle.write_text(SETTLE)
        readme_commands = blocks['walkthrough'] + blocks['openstack']
        assert sum(c.count(README_URL) for c in readme_commands) == 2, (
            'README no longer uses %s twice' % README_URL)
        lines = ['set -e']
        for command in readme_commands:
            assert '<' not in command.replace('<<', ''), (
                'README command with a placeholder: %s' % command)
            lines.append(command.replace(README_URL, service.url))
            lines.append('%s %s %s' % (sys.executable, settle, service.url))
        out = run('\n'.join(lines), checkout, env)
        assert ' v1 ' in out and 'cg1-clone2' in out

        groups = {g['name']: g['status'] for g in service.get(
            '/v3/p1/consistencygroups/detail')['consistencygroups']}
        assert groups == dict.fromkeys(('cg1', 'cg1-clone', 'cg1-snap-clone', 'cg1-clone2'),
                                       'available')
        volumes = service.get('/v3/p1/volumes/detail')['volumes']
        assert [v['status'] for v in volumes] == ['available'] * 5
        # Going on with group clones after README's steps: past the default of
        # 10 volumes, within the quota README's walkthrough set.
        source = [g for g in service.get('/v3/p1/consistencygroups/detail')[
            'consistencygroups'] if g['name'] == 'cg1'][0]['id']
        for i in range(6):
            status = service.post('/v3/p1/consistencygroups/create_from_src', {
                'consistencygroup-from-src': {'source_cgid': source, 'name': 'more%d' % i}})
            assert status == 202, 'clone %d after README: %s' % (i, status)
            subprocess.run([sys.executable, str(settle), service.url], check=True)
    finally:
        service.stop()
