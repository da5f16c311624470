"""GET /resource_filters (3.33): the list filters non-admins may use, per resource."""

from cinderlite.api import handlers
from cinderlite.api import wsgi


@handlers.api_version(3, 33)
def index(req):
    """GET /resource_filters[?resource=volume]: 200, as resource_query_filters_file says.

    An unknown ``resource`` is an empty list, as in Cinder. No policy: every
    user may read it.
    """
    filters = wsgi.services_of(req).resource_filters.enabled(req.GET.get('resource'))
    return wsgi.json_response({'resource_filters': [
        {'resource': resource, 'filters': names} for resource, names in filters.items()]})
