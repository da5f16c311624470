"""Authentication: build the request context from noauth tokens or Keystone's headers.

``noauth``: the ``X-Auth-Token`` is ``user:project``. Unlike real Cinder,
only the user named ``admin`` is an admin; everyone else is a member (and
reader) of their project, so tenant isolation is real on the embedded
default too. ``keystone``: keystonemiddleware's ``auth_token`` runs before
:class:`KeystoneContext`, which reads the headers it sets.
"""

from oslo_middleware import request_id
import webob
import webob.dec

from cinderlite import context as cl_context
from cinderlite.api import faults
from cinderlite.api import paste_conf
from cinderlite.api import wsgi


def _is_versions_request(req):
    return req.path_info in ('', '/')


def _request_id(req):
    return req.environ.get(request_id.ENV_REQUEST_ID)


class NoAuth:
    """Trusts ``X-Auth-Token: user:project`` (for the embedded default and tests).

    Plain WSGI: an authenticated request goes on with its context and no
    webob response made around it.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        if _is_versions_request(req):
            return self.application(environ, start_response)
        token = req.headers.get('X-Auth-Token', '')
        user_id, sep, project_id = token.partition(':')
        if not sep or not user_id or not project_id:
            response = faults.error_response(
                401, 'Authentication required: X-Auth-Token must be "user:project".')
            response.headers['WWW-Authenticate'] = 'X-Auth-Token'
            return response(environ, start_response)
        roles = ['admin', 'member', 'reader'] if user_id == 'admin' else ['member', 'reader']
        environ[wsgi.CONTEXT_KEY] = cl_context.RequestContext(
            user_id=user_id, project_id=project_id, roles=roles,
            request_id=_request_id(req))
        return self.application(environ, start_response)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls


class KeystoneContext:
    """Makes the request context from the X-* headers keystonemiddleware sets.

    oslo.context reads them (``X-User-Id``, ``X-Project-Id``, ``X-Roles``, the
    domains, ...); auth_token has removed any a client sent. ``is_admin``
    follows the admin role (``RequestContext``). A token that is not scoped to
    a project (unscoped, domain or system scope) is refused with a 403:
    volumes belong to projects, and such a token has none to act in.
    """

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify
    def __call__(self, req):
        if _is_versions_request(req):
            return req.get_response(self.application)
        if req.headers.get('X-Identity-Status', 'Confirmed') != 'Confirmed':
            return faults.error_response(401, 'Authentication required')
        ctx = cl_context.RequestContext.from_environ(req.environ,
                                                     request_id=_request_id(req))
        if not ctx.project_id:
            return faults.error_response(
                403, 'cinderlite accepts only project-scoped tokens.')
        req.environ[wsgi.CONTEXT_KEY] = ctx
        return req.get_response(self.application)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls


def pipeline_factory(loader, global_conf, **local_conf):
    """Pick the pipeline named by ``auth_strategy`` (``noauth`` or ``keystone``)."""
    conf = paste_conf.conf_from(global_conf)
    pipeline = local_conf[conf.auth_strategy].split()
    filters = [loader.get_filter(name) for name in pipeline[:-1]]
    app = loader.get_app(pipeline[-1])
    for filter_ in reversed(filters):
        app = filter_(app)
    return app


def authtoken_factory(global_conf, **local_conf):
    """keystonemiddleware's auth_token, configured from ``[keystone_authtoken]`` of our conf."""
    from keystonemiddleware import auth_token  # only the keystone pipeline needs it

    conf = paste_conf.conf_from(global_conf)

    def _filter(app):
        return auth_token.AuthProtocol(app, {'oslo_config_config': conf})
    return _filter
