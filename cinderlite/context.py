"""The request context: who is asking, and the handle on the database transaction."""

from oslo_context import context as oslo_context
from oslo_db.sqlalchemy import enginefacade

from cinderlite import policy


@enginefacade.transaction_context_provider
class RequestContext(oslo_context.RequestContext):
    """oslo.context's context plus ``can()`` and admin scoping for queries."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault('is_admin', None)
        super().__init__(*args, **kwargs)
        if self.is_admin is None:
            self.is_admin = 'admin' in [r.lower() for r in self.roles]

    def can(self, action, target=None, fatal=True):
        """Check ``action`` for this context against ``target`` (default: own project).

        :raises PolicyNotAuthorized: when denied and ``fatal``.
        """
        if target is None:
            target = {'project_id': self.project_id, 'user_id': self.user_id}
        return policy.authorize(self, action, target, do_raise=fatal)

    def to_policy_values(self):
        """oslo.context's values plus ``is_admin``, for rules such as ``is_admin:True``.

        A plain dict: oslo.context's own mapping warns each time oslo.policy
        reads a key added to it, that is on every check.
        """
        values = dict(super().to_policy_values())
        values['is_admin'] = self.is_admin
        return values

    def elevated(self):
        """A copy with admin rights, for work done on the service's behalf."""
        ctx = self.from_dict(self.to_dict())
        ctx.is_admin = True
        if 'admin' not in ctx.roles:
            ctx.roles = ctx.roles + ['admin']
        return ctx

    @classmethod
    def from_dict(cls, values):
        return super().from_dict(values, is_admin=values.get('is_admin'))


def get_admin_context():
    """A context for services acting on their own (recovery, periodic tasks)."""
    return RequestContext(user_id=None, project_id=None, is_admin=True,
                          roles=['admin'], overwrite=False)
