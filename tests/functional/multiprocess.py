"""A scale-out cinderlite as real OS processes: api, scheduler, volume hosts.

Every service reads a shared ``cinderlite.conf`` (database, message bus,
timings) plus a file of its own (its ``host``, backends or listening port),
as an operator would lay them out. The message bus is the local RabbitMQ:
each ``Deployment`` uses its own ``control_exchange`` *and* its own topics,
because RabbitMQ names queues after the topic alone, so that two tests (or
two developers) sharing the broker never take each other's messages.
"""

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid

from tests import fixtures
from tests.functional.server_process import REPO_ROOT
from tests.functional.server_process import console_script

#: Seconds without a heartbeat before a service shows as down (XXX); short for tests.
SERVICE_DOWN_TIME = 3


class ServiceProcess:
    """One console script with its config files, logging to a file under tmp_path."""

    def __init__(self, name, argv, log, env, ready):
        self.name = name
        self.argv = argv
        self.log = log
        self.env = env
        self._ready = ready
        self.process = None

    def start(self, env=None):
        """Start the process and return once it serves (see ``ready``), or fail."""
        with open(self.log, 'ab') as log:
            log.write(b'\n==== start %s ====\n' % self.name.encode())
            log.flush()
            self.process = subprocess.Popen(
                self.argv, stdout=log, stderr=subprocess.STDOUT,
                env=dict(self.env, **(env or {})), cwd=str(self.log.parent))
        fixtures.wait_for(self._serving, timeout=60, what='%s to start' % self.name)
        return self

    def _serving(self):
        if self.process.poll() is not None:
            raise AssertionError('%s exited with %s:\n%s' % (
                self.name, self.process.returncode, self.log_text()[-4000:]))
        return self._ready(self)

    def log_text(self):
        return self.log.read_text(errors='replace')

    def running(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL, as a crash or a power cut: nothing is cleaned up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def terminate(self, timeout=30):
        """SIGTERM (graceful stop); returns the exit code."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout)

    def stop_quietly(self):
        if self.running():
            self.process.kill()
            self.process.wait(30)


def _log_says(text):
    def ready(proc):
        return text in proc.log_text()
    return ready


def _answers_http(url):
    def ready(proc):
        try:
            urllib.request.urlopen(url + '/', timeout=1)
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False
        return True
    return ready


class VolumeHost(ServiceProcess):
    """A ``cinderlite-volume`` process with one file backend named ``file``."""

    def __init__(self, host, volumes_dir, **kwargs):
        super().__init__(**kwargs)
        self.service_host = '%s@file' % host
        self.volumes_dir = volumes_dir

    def volume_file(self, volume_id):
        return self.volumes_dir / ('volume-%s' % volume_id)


class APIProcess(ServiceProcess):
    """An HTTP front end (``cinderlite-api`` or gunicorn) on 127.0.0.1."""

    def __init__(self, url, **kwargs):
        super().__init__(**kwargs)
        self.url = url

    def request(self, method, path, token='u1:p1', body=None):
        # Cloud.request needs nothing of its object but ``url``.
        return fixtures.Cloud.request(self, method, path, token=token, body=body)


class Deployment:
    """A scale-out cinderlite under ``tmp_path`` on the database at ``db_url``.

    ``add_*`` start services (each waits until it serves); ``stop`` kills
    every process still running. Use it as a context manager.
    """

    def __init__(self, tmp_path, db_url):
        self.tmp_path = tmp_path
        self.uid = uuid.uuid4().hex[:10]
        self.processes = []
        self.env = dict(os.environ, PYTHONPATH=REPO_ROOT)
        self.config = tmp_path / 'cinderlite.conf'
        self.config.write_text(_ini({
            'DEFAULT': {
                'transport_url': fixtures.RABBIT_URL,
                'control_exchange': 'cinderlite-test-%s' % self.uid,
                'scheduler_topic': 'cinderlite-scheduler-%s' % self.uid,
                'volume_topic': 'cinderlite-volume-%s' % self.uid,
                'state_path': tmp_path / 'state',
                'report_interval': 1,
                'service_down_time': SERVICE_DOWN_TIME,
                'graceful_shutdown_timeout': 5,
            },
            'database': {'connection': db_url},
        }))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        for proc in reversed(self.processes):
            proc.stop_quietly()

    def manage(self, *args):
        """Run ``cinderlite-manage`` on the shared config; returns its stdout."""
        result = subprocess.run(
            [console_script('cinderlite-manage'), '--config-file', str(self.config)]
            + list(args), capture_output=True, text=True, timeout=120, env=self.env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def service_state(self, service_host):
        """``:-)`` or ``XXX`` as ``cinderlite-manage service list`` shows ``service_host``."""
        header, *rows = self.manage('service', 'list').splitlines()
        state = header.split().index('State')
        for line in rows:
            fields = line.split()
            if len(fields) > state and fields[1] == service_host:
                return fields[state]
        return None

    def _own_config(self, name, sections):
        path = self.tmp_path / ('%s.conf' % name)
        path.write_text(_ini(sections))
        return path

    def _argv(self, script, own_config):
        return [console_script(script), '--config-file', str(self.config),
                '--config-file', str(own_config)]

    def _add(self, proc, env):
        self.processes.append(proc)
        return proc.start(env)

    def add_scheduler(self):
        host = 'scheduler-%s' % self.uid
        own = self._own_config('scheduler', {'DEFAULT': {'host': host}})
        return self._add(ServiceProcess(
            'cinderlite-scheduler', self._argv('cinderlite-scheduler', own),
            self.tmp_path / 'scheduler.log', self.env,
            _log_says('Started cinderlite-scheduler on %s' % host)), None)

    def add_volume_host(self, name, backend_options=None, env=None):
        """Start ``cinderlite-volume`` as host ``<name>-<uid>`` with its own volumes_dir."""
        host = '%s-%s' % (name, self.uid)
        volumes_dir = self.tmp_path / name / 'volumes'
        options = dict({'volumes_dir': volumes_dir}, **(backend_options or {}))
        own = self._own_config(name, {'DEFAULT': {'host': host,
                                                  'enabled_backends': 'file'},
                                      'file': options})
        return self._add(VolumeHost(
            host, volumes_dir, name='cinderlite-volume %s' % name,
            argv=self._argv('cinderlite-volume', own),
            log=self.tmp_path / ('%s.log' % name), env=self.env,
            ready=_log_says('Started cinderlite-volume on %s@file' % host)), env)

    def add_api(self, name='api', sections=None):
        """Start ``cinderlite-api``; ``sections`` adds options to its own config file."""
        port = fixtures.free_port()
        own = dict(sections or {})
        own['DEFAULT'] = dict(own.get('DEFAULT', {}), osapi_volume_listen='127.0.0.1',
                              osapi_volume_listen_port=port)
        own = self._own_config(name, own)
        url = 'http://127.0.0.1:%d' % port
        return self._add(APIProcess(
            url, name=name, argv=self._argv('cinderlite-api', own),
            log=self.tmp_path / ('%s.log' % name), env=self.env,
            ready=_answers_http(url)), None)

    def add_gunicorn_api(self, workers=2):
        """The API under gunicorn: ``cinderlite.wsgi.api:application``, config by env."""
        port = fixtures.free_port()
        url = 'http://127.0.0.1:%d' % port
        # HOME: recent gunicorn releases open a control socket under
        # ~/.gunicorn, which two tests at once would fight over.
        env = dict(self.env, CINDERLITE_CONFIG_FILES=str(self.config),
                   HOME=str(self.tmp_path))
        argv = [console_script('gunicorn'), '-w', str(workers), '-b', '127.0.0.1:%d' % port,
                '--graceful-timeout', '5', 'cinderlite.wsgi.api:application']
        return self._add(APIProcess(url, name='gunicorn', argv=argv,
                                    log=self.tmp_path / 'gunicorn.log', env=env,
                                    ready=_answers_http(url)), None)


def _ini(sections):
    lines = []
    for section, options in sections.items():
        lines.append('[%s]' % section)
        lines += ['%s = %s' % (key, value) for key, value in options.items()]
    return '\n'.join(lines) + '\n'


def wait_until(predicate, what, timeout=60):
    """``fixtures.wait_for`` with a slower poll, for checks that spawn a process."""
    start = time.monotonic()
    value = fixtures.wait_for(predicate, timeout=timeout, interval=0.2, what=what)
    return value, time.monotonic() - start
