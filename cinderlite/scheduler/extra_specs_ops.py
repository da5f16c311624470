"""Cinder's extra-spec operators: does a backend's reported capability meet a type's spec.

A spec value is ``<op> operand`` or a plain string. Operators, as Cinder's
``cinder/scheduler/filters/extra_specs_ops.py`` defines them:

- numbers: ``==``, ``!=``, ``>=``, ``<=``, and ``=`` (which means *at least*,
  kept by Cinder for compatibility); a value that is no number never matches;
- strings: ``s==``, ``s!=``, ``s<``, ``s<=``, ``s>``, ``s>=``;
- ``<in> x``: ``x`` is a substring (or member) of the value;
- ``<is> True|False``: the value read as a boolean;
- ``<or> a <or> b ...``: the value is one of them.

Anything else is compared for equality. Matching ignores case, as Cinder's
does since it lower-cases both sides.
"""

import operator

from oslo_utils import strutils


def _float_op(compare):
    return lambda value, operand: compare(float(value), float(operand))


def _is(value, operand):
    return (strutils.bool_from_string(str(value))
            is strutils.bool_from_string(operand))


_OPERATORS = {
    '=': _float_op(operator.ge),
    '==': _float_op(operator.eq),
    '!=': _float_op(operator.ne),
    '>=': _float_op(operator.ge),
    '<=': _float_op(operator.le),
    's==': operator.eq,
    's!=': operator.ne,
    's<': operator.lt,
    's<=': operator.le,
    's>': operator.gt,
    's>=': operator.ge,
    '<in>': lambda value, operand: operand in value,
    '<is>': _is,
}


def _one_of(value, words):
    """``<or> a <or> b``: ``words`` is ``['a', '<or>', 'b']``."""
    return value in words[::2]


def match(value, spec):
    """Whether the capability ``value`` (None when unreported) satisfies ``spec``."""
    if isinstance(value, str):
        value = value.lower()
    words = str(spec).lower().split()
    op = words.pop(0) if words else None
    if op != '<or>' and op not in _OPERATORS:
        return value == str(spec).lower()
    if value is None or not words:
        return False
    if op == '<or>':
        return _one_of(value, words)
    try:
        return _OPERATORS[op](value, words[0])
    except (TypeError, ValueError):    # not a number, not a string: no match
        return False


def satisfies(capabilities, extra_specs):
    """Cinder's CapabilitiesFilter: the reported ``capabilities`` meet ``extra_specs``.

    A spec without a scope (``storage_protocol``), or scoped ``capabilities:``
    (``capabilities:vendor_name``, nested as ``capabilities:a:b``), must match
    the capability of that name (extra_specs_ops); one the backend does not
    report never matches. Other scopes (a vendor's, ``RESKEY:``,
    ``provisioning:``) are not capabilities and are skipped. A capability that
    is a list matches when one of its items does.
    """
    for key, spec in extra_specs.items():
        scope = key.split(':')
        if len(scope) > 1 and scope[0] != 'capabilities':
            continue
        if scope[0] == 'capabilities':
            scope = scope[1:]
        value = capabilities
        for name in scope:
            if not isinstance(value, dict) or name not in value:
                return False
            value = value[name]
        values = value if isinstance(value, list) else [value]
        if not any(match(v, spec) for v in values):
            return False
    return True
