"""The policy enforcer: initialise it from a ConfigOpts and authorise actions."""

import argparse
import sys

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from cinderlite import exception
from cinderlite import policies

_ENFORCER = None


def init(conf):
    """Create the process's enforcer with the defaults in code and ``conf``'s overrides."""
    global _ENFORCER
    enforcer = oslo_policy.Enforcer(conf)
    enforcer.register_defaults(policies.list_rules())
    enforcer.load_rules()
    _ENFORCER = enforcer
    return enforcer


def authorize(context, action, target, do_raise=True):
    """Return whether ``context`` may do ``action`` on ``target``.

    :raises PolicyNotAuthorized: when denied and ``do_raise``.
    """
    if _ENFORCER is None:
        raise RuntimeError('policy.init(conf) was not called')
    try:
        return _ENFORCER.authorize(action, target, context, do_raise=do_raise,
                                   exc=exception.PolicyNotAuthorized,
                                   action=action)
    except oslo_policy.InvalidScope:
        raise exception.PolicyNotAuthorized(action=action)


def get_enforcer():
    """Entry point for oslopolicy-policy-generator and oslopolicy-checker.

    Those tools call it without arguments: the ``--config-file`` and
    ``--config-dir`` of their own command line name our config (and so
    ``[oslo_policy] policy_file``), in either ``--opt value`` or
    ``--opt=value`` form.
    """
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument('--config-file', action='append', default=[])
    parser.add_argument('--config-dir', action='append', default=[])
    known, _ = parser.parse_known_args(sys.argv[1:])
    args = ['--config-file=%s' % path for path in known.config_file]
    args += ['--config-dir=%s' % path for path in known.config_dir]
    conf = cfg.ConfigOpts()
    conf(args, project='cinderlite')
    return init(conf)
