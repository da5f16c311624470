"""Policy in code as operators meet it: generated files, and a policy.yaml that overrides.

The oslo.policy and oslo.config command-line tools run as subprocesses,
through cinderlite's entry points; the override is read by a real
``cinderlite-all`` process from its config file. No Keystone here.
"""

import os
import subprocess

import pytest

from cinderlite import policies
from tests.functional import server_process
from tests.functional.keystone import routes

REPO = server_process.REPO_ROOT


def run(*args, cwd=None):
    result = subprocess.run([server_process.console_script(args[0])] + list(args[1:]),
                            capture_output=True, text=True, timeout=120, cwd=cwd)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


@pytest.fixture
def policy_override(tmp_path):
    """A config file whose ``[oslo_policy] policy_file`` is a policy.yaml beside it."""
    (tmp_path / 'policy.yaml').write_text(
        '"volume:get_all": "is_admin:True"\n'
        '"volume:create": "!"\n')
    conf = tmp_path / 'cinderlite.conf'
    conf.write_text('[oslo_policy]\npolicy_file = policy.yaml\n')
    return conf


def test_sample_policy_lists_every_rule_with_its_operations():
    sample = run('oslopolicy-sample-generator', '--namespace', 'cinderlite')
    rules = policies.list_rules()
    assert len(rules) > 30
    for rule in rules:
        assert '#"%s": "%s"\n' % (rule.name, rule.check_str) in sample
        for operation in getattr(rule, 'operations', []):
            assert '# %s  %s\n' % (operation['method'], operation['path']) in sample


@pytest.mark.parametrize('form', ['--config-file PATH', '--config-file=PATH'])
def test_policy_generator_merges_the_policy_file_of_the_config(policy_override, form):
    option = form.replace('PATH', str(policy_override)).split()
    merged = run('oslopolicy-policy-generator', '--namespace', 'cinderlite', *option)
    assert '"volume:get_all": "is_admin:True"\n' in merged
    assert '"volume:create": "!"\n' in merged
    assert ('"volume:get": "rule:admin_api or (role:reader and project_id:%(project_id)s)"\n'
            in merged)


def test_config_sample_has_keystone_authtoken_and_policy_options(tmp_path):
    out = tmp_path / 'cinderlite.conf.sample'
    run('oslo-config-generator', '--config-file',
        os.path.join(REPO, 'etc', 'cinderlite', 'cinderlite-config-generator.conf'),
        '--output-file', str(out), cwd=REPO)
    sample = out.read_text()
    for line in ('[DEFAULT]', '#auth_strategy = noauth', '[keystone_authtoken]',
                 '#www_authenticate_uri = <None>', '#auth_type = <None>',
                 '#token_cache_time = 300', '[oslo_policy]',
                 '#policy_file = policy.yaml'):
        assert line + '\n' in sample, line


def test_a_running_cinderlite_honours_the_policy_file(tmp_path, policy_override):
    server = server_process.ServerProcess(tmp_path)
    with open(server.config, 'a') as f:
        f.write(policy_override.read_text())
    try:
        server.start()
        # is_admin:True: the deprecated style of Cinder's old policy.json still works.
        resp = server.request('GET', '/v3/p1/volumes', token='u1:p1')
        assert resp.status == 403, resp
        assert resp.json == routes.forbidden('volume:get_all')
        assert server.request('GET', '/v3/p1/volumes', token='admin:p1').status == 200
        resp = server.request('POST', '/v3/p1/volumes', token='admin:p1',
                              body={'volume': {'size': 1}})
        assert resp.status == 403, resp
        assert resp.json == routes.forbidden('volume:create')
        # Rules the file does not name keep their defaults in code.
        assert server.request('GET', '/v3/p1/snapshots', token='u1:p1').status == 200
    finally:
        server.stop_quietly()
