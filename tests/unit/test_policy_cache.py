"""The enforcer remembers decisions, and forgets them when the policy file changes."""

import time

from oslo_policy import opts as policy_opts
import pytest

from cinderlite import conf as cl_conf
from cinderlite import context as cl_context
from cinderlite import exception
from cinderlite import policy


@pytest.fixture
def policy_file(tmp_path, monkeypatch):
    path = tmp_path / 'policy.yaml'
    conf = cl_conf.new_conf()
    cl_conf.parse_args(conf, [], default_config_files=[])
    policy_opts.set_defaults(conf, policy_file=str(path))
    monkeypatch.setattr(policy, 'RELOAD_CHECK_SECONDS', 0.01)
    policy.init(conf)
    return path


def member(project='p1'):
    return cl_context.RequestContext(user_id='u1', project_id=project,
                                     roles=['member', 'reader'])


def test_repeated_decisions_are_remembered_per_target_and_credentials(policy_file):
    assert member().can('volume:get')
    assert member().can('volume:get')
    # Another project's volume is another target: decided on its own.
    assert not member().can('volume:get', {'project_id': 'p2'}, fatal=False)
    with pytest.raises(exception.PolicyNotAuthorized):
        member().can('volume:get', {'project_id': 'p2'})
    assert member('p2').can('volume:get', {'project_id': 'p2'})


def test_a_changed_policy_file_is_honoured_within_the_reload_interval(policy_file):
    assert member().can('volume:get')
    policy_file.write_text('"volume:get": "role:admin"\n')
    time.sleep(0.05)
    assert not member().can('volume:get', fatal=False)
    policy_file.write_text('"volume:get": ""\n')
    time.sleep(0.05)
    assert member().can('volume:get')


def test_an_unregistered_action_is_a_bug_not_a_denial(policy_file):
    with pytest.raises(Exception) as caught:
        member().can('volume:no_such_thing')
    assert not isinstance(caught.value, exception.PolicyNotAuthorized)


def test_a_target_that_cannot_be_a_cache_key_is_still_decided(policy_file):
    target = {'project_id': 'p1', 'extra': {'nested': 'value'}}
    assert member().can('volume:get', target)
    assert not member('p2').can('volume:get', target, fatal=False)
