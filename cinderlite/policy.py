"""The policy enforcer: initialise it from a ConfigOpts and authorise actions."""

import argparse
import sys
import threading
import time

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from cinderlite import exception
from cinderlite import policies

_ENFORCER = None
#: How often, at most, the policy file is looked up and its mtime compared.
RELOAD_CHECK_SECONDS = 1.0
#: Decisions remembered per rules version; the cache starts over when full.
DECISIONS_CACHED = 4096


class Enforcer(oslo_policy.Enforcer):
    """oslo.policy's enforcer, costing one dict lookup per repeated decision.

    oslo.policy looks the policy file up in every config directory and
    compares its mtime on every check, then walks the rule, inspecting
    each check's signature: about a millisecond per request. Here the
    lookup runs at most once per RELOAD_CHECK_SECONDS (a changed file is
    still picked up, within a second), and a decision, a pure function of
    the rules, the action, the target and the credentials, is remembered
    until the rules change.
    """

    def __init__(self, conf, **kwargs):
        super().__init__(conf, **kwargs)
        self._next_reload_check = 0.0
        self._decisions = {}
        self._decided_with = None
        self._lock = threading.Lock()

    def load_rules(self, force_reload=False):
        now = time.monotonic()
        if force_reload or now >= self._next_reload_check or not self.rules:
            self._next_reload_check = now + RELOAD_CHECK_SECONDS
            super().load_rules(force_reload)

    def decide(self, action, target, creds):
        """Whether ``creds`` may do ``action`` on ``target`` (no exception raised)."""
        self.load_rules()
        try:
            key = (action, _frozen(target), _frozen(creds))
            hash(key)
        except TypeError:
            # A value that cannot be a dict key (a nested dict): decide uncached.
            return bool(self.enforce(action, target, creds, do_raise=False))
        with self._lock:
            if self._decided_with is not self.rules or len(self._decisions) >= DECISIONS_CACHED:
                self._decisions = {}
                self._decided_with = self.rules
            decision = self._decisions.get(key)
        if decision is None:
            decision = bool(self.enforce(action, target, creds, do_raise=False))
            with self._lock:
                self._decisions[key] = decision
        return decision


def _frozen(values):
    """A hashable form of a dict of credentials or target values."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                        for k, v in values.items()))


def init(conf):
    """Create the process's enforcer with the defaults in code and ``conf``'s overrides."""
    global _ENFORCER
    enforcer = Enforcer(conf)
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
    if action not in _ENFORCER.registered_rules:
        # As oslo.policy's authorize(): an unregistered action is a bug, not a denial.
        raise oslo_policy.PolicyNotRegistered(action)
    try:
        allowed = _ENFORCER.decide(action, target, context.to_policy_values())
    except oslo_policy.InvalidScope:
        allowed = False
    if not allowed and do_raise:
        raise exception.PolicyNotAuthorized(action=action)
    return allowed


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
