"""cinderlite-all as a real OS process, as an operator runs it."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests import fixtures

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def console_script(name):
    return os.path.join(os.path.dirname(sys.executable), name)


class ServerProcess:
    """Runs ``cinderlite-all`` with a config file under ``tmp_path``.

    ``sections`` adds options: ``{section: {option: value}}`` (``DEFAULT`` too).
    """

    def __init__(self, tmp_path, backend_options=None, env=None, sections=None):
        self.port = fixtures.free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.state = tmp_path / 'state'
        self.config = tmp_path / 'cinderlite.conf'
        self.log = tmp_path / 'cinderlite-all.log'
        lines = ['[DEFAULT]', 'state_path = %s' % self.state,
                 'osapi_volume_listen = 127.0.0.1',
                 'osapi_volume_listen_port = %d' % self.port, 'report_interval = 1',
                 'host = testhost', '[file]']
        lines += ['%s = %s' % item for item in (backend_options or {}).items()]
        for section, options in (sections or {}).items():
            lines.append('[%s]' % section)
            lines += ['%s = %s' % item for item in options.items()]
        self.config.write_text('\n'.join(lines) + '\n')
        self.env = dict(os.environ, PYTHONPATH=REPO_ROOT, **(env or {}))
        self.process = None

    def start(self, env=None):
        self.spawn(env=env)
        fixtures.wait_for(self._answers, timeout=60, what='cinderlite-all to answer')
        return self

    def spawn(self, *args, env=None, script='cinderlite-all'):
        """Start ``script`` on this config (plus ``args``) without waiting for it."""
        with open(self.log, 'ab') as log:
            self.process = subprocess.Popen(
                [console_script(script), '--config-file', str(self.config)] + list(args),
                stdout=log, stderr=subprocess.STDOUT, env=dict(self.env, **(env or {})),
                cwd=str(self.config.parent))
        return self

    def run_to_exit(self, *args, timeout=60, script='cinderlite-all'):
        """Run ``script`` until it exits by itself; returns (exit code, its log, seconds)."""
        start = time.monotonic()
        self.spawn(*args, script=script)
        code = self.process.wait(timeout)
        return code, self.log.read_text(), time.monotonic() - start

    def log_text(self):
        return self.log.read_text() if self.log.exists() else ''

    def _answers(self):
        if self.process.poll() is not None:
            raise AssertionError('cinderlite-all exited with %s:\n%s' % (
                self.process.returncode, self.log.read_text()[-3000:]))
        try:
            urllib.request.urlopen(self.url + '/', timeout=1)
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False
        return True

    def request(self, method, path, token='u1:p1', body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers=headers or {})
        req.add_header('X-Auth-Token', token)
        if data is not None:
            req.add_header('Content-Type', 'application/json')
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return fixtures.Response(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as e:
            return fixtures.Response(e.code, e.headers, e.read())

    def terminate(self, timeout=60):
        """SIGTERM; returns the exit code and how long the graceful stop took."""
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout)
        return code, time.monotonic() - start

    def kill(self):
        self.process.kill()
        self.process.wait(30)

    def stop_quietly(self):
        if self.process is not None and self.process.poll() is None:
            self.kill()
