"""Policies of volume transfers."""

from cinderlite.policies import base

CREATE = 'volume:create_transfer'
ACCEPT = 'volume:accept_transfer'
DELETE = 'volume:delete_transfer'
GET = 'volume:get_transfer'
GET_ALL = 'volume:get_all_transfers'

RULES = [
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List volume transfer.',
              [('GET', '/os-volume-transfer'), ('GET', '/os-volume-transfer/detail'),
               ('GET', '/volume-transfers'), ('GET', '/volume-transfers/detail')]),
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER, 'Create a volume transfer.',
              [('POST', '/os-volume-transfer'), ('POST', '/volume-transfers')]),
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show one specified volume transfer.',
              [('GET', '/os-volume-transfer/{transfer_id}'),
               ('GET', '/volume-transfers/{transfer_id}')]),
    base.rule(ACCEPT, base.ADMIN_OR_PROJECT_MEMBER, 'Accept a volume transfer.',
              [('POST', '/os-volume-transfer/{transfer_id}/accept'),
               ('POST', '/volume-transfers/{transfer_id}/accept')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete volume transfer.',
              [('DELETE', '/os-volume-transfer/{transfer_id}'),
               ('DELETE', '/volume-transfers/{transfer_id}')]),
]


def list_rules():
    return RULES
