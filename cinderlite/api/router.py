"""The route table of /v2 and /v3, and the dispatcher that applies it.

Paths are declared once, without the project; each is served as
``/{project_id}/path`` on v2 and v3 and also as ``/path`` on v3 (Cinder 3.67:
the project comes from the token). Path parameters carry no regex: the
handler answers a clear 404 for an id it cannot find.
"""

import routes
import webob.dec
import webob.exc

from cinderlite import exception
from cinderlite.api import faults
from cinderlite.api import microversion
from cinderlite.api import wsgi
from cinderlite.api.handlers import attachments
from cinderlite.api.handlers import availability_zones
from cinderlite.api.handlers import backups
from cinderlite.api.handlers import capabilities
from cinderlite.api.handlers import cgsnapshots
from cinderlite.api.handlers import consistencygroups
from cinderlite.api.handlers import default_types
from cinderlite.api.handlers import encryption
from cinderlite.api.handlers import extensions
from cinderlite.api.handlers import group_snapshots
from cinderlite.api.handlers import group_types
from cinderlite.api.handlers import groups
from cinderlite.api.handlers import hosts
from cinderlite.api.handlers import limits
from cinderlite.api.handlers import messages
from cinderlite.api.handlers import metadata
from cinderlite.api.handlers import qos_specs
from cinderlite.api.handlers import quota_class_sets
from cinderlite.api.handlers import quota_sets
from cinderlite.api.handlers import resource_filters
from cinderlite.api.handlers import scheduler_stats
from cinderlite.api.handlers import services
from cinderlite.api.handlers import snapshot_actions
from cinderlite.api.handlers import snapshots
from cinderlite.api.handlers import transfers
from cinderlite.api.handlers import type_access
from cinderlite.api.handlers import types
from cinderlite.api.handlers import versions
from cinderlite.api.handlers import volume_actions
from cinderlite.api.handlers import volumes

# Literal paths come before parameterised siblings so that they win.
ROUTE_DECLARATIONS = {
    '/volumes': {'GET': volumes.index, 'POST': volumes.create},
    '/volumes/detail': {'GET': volumes.detail},
    '/volumes/summary': {'GET': volumes.summary},
    '/volumes/{volume_id}': {'GET': volumes.show, 'PUT': volumes.update,
                             'DELETE': volumes.delete},
    '/volumes/{volume_id}/action': {'POST': volume_actions.action},
    '/volumes/{volume_id}/metadata': {'GET': metadata.VOLUMES.index,
                                      'POST': metadata.VOLUMES.create,
                                      'PUT': metadata.VOLUMES.update_all},
    '/volumes/{volume_id}/metadata/{key}': {'GET': metadata.VOLUMES.show,
                                            'PUT': metadata.VOLUMES.update,
                                            'DELETE': metadata.VOLUMES.delete},
    '/attachments': {'GET': attachments.index, 'POST': attachments.create},
    '/attachments/detail': {'GET': attachments.detail},
    '/attachments/{attachment_id}': {'GET': attachments.show, 'PUT': attachments.update,
                                     'DELETE': attachments.delete},
    '/attachments/{attachment_id}/action': {'POST': attachments.action},
    '/snapshots': {'GET': snapshots.index, 'POST': snapshots.create},
    '/snapshots/detail': {'GET': snapshots.detail},
    '/snapshots/{snapshot_id}/action': {'POST': snapshot_actions.action},
    '/snapshots/{snapshot_id}': {'GET': snapshots.show, 'PUT': snapshots.update,
                                 'DELETE': snapshots.delete},
    '/snapshots/{snapshot_id}/metadata': {'GET': metadata.SNAPSHOTS.index,
                                          'POST': metadata.SNAPSHOTS.create,
                                          'PUT': metadata.SNAPSHOTS.update_all},
    '/snapshots/{snapshot_id}/metadata/{key}': {'GET': metadata.SNAPSHOTS.show,
                                                'PUT': metadata.SNAPSHOTS.update,
                                                'DELETE': metadata.SNAPSHOTS.delete},
    '/types': {'GET': types.index, 'POST': types.create},
    '/types/{type_id}': {'GET': types.show, 'PUT': types.update, 'DELETE': types.delete},
    '/types/{type_id}/action': {'POST': type_access.action},
    '/types/{type_id}/os-volume-type-access': {'GET': type_access.index},
    '/types/{type_id}/encryption': {'GET': encryption.index, 'POST': encryption.create},
    '/types/{type_id}/encryption/{encryption_id}': {'GET': encryption.show,
                                                    'PUT': encryption.update,
                                                    'DELETE': encryption.delete},
    '/types/{type_id}/extra_specs': {'GET': types.show_extra_specs,
                                     'POST': types.set_extra_specs},
    '/types/{type_id}/extra_specs/{key}': {'GET': types.show_extra_spec,
                                           'PUT': types.update_extra_spec,
                                           'DELETE': types.delete_extra_spec},
    '/default-types': {'GET': default_types.index},
    '/default-types/{target_project_id}': {'GET': default_types.show,
                                           'PUT': default_types.set_default,
                                           'DELETE': default_types.unset},
    '/qos-specs': {'GET': qos_specs.index, 'POST': qos_specs.create},
    '/qos-specs/{qos_id}': {'GET': qos_specs.show, 'PUT': qos_specs.update,
                            'DELETE': qos_specs.delete},
    '/qos-specs/{qos_id}/delete_keys': {'PUT': qos_specs.delete_keys},
    '/qos-specs/{qos_id}/associations': {'GET': qos_specs.associations},
    '/qos-specs/{qos_id}/associate': {'GET': qos_specs.associate},
    '/qos-specs/{qos_id}/disassociate': {'GET': qos_specs.disassociate},
    '/qos-specs/{qos_id}/disassociate_all': {'GET': qos_specs.disassociate_all},
    '/os-volume-transfer': {'GET': transfers.index, 'POST': transfers.create},
    '/os-volume-transfer/detail': {'GET': transfers.detail},
    '/os-volume-transfer/{transfer_id}': {'GET': transfers.show,
                                          'DELETE': transfers.delete},
    '/os-volume-transfer/{transfer_id}/accept': {'POST': transfers.accept},
    '/volume-transfers': {'GET': transfers.index_v355, 'POST': transfers.create_v355},
    '/volume-transfers/detail': {'GET': transfers.detail_v355},
    '/volume-transfers/{transfer_id}': {'GET': transfers.show_v355,
                                        'DELETE': transfers.delete_v355},
    '/volume-transfers/{transfer_id}/accept': {'POST': transfers.accept_v355},
    '/backups': {'GET': backups.index, 'POST': backups.create},
    '/backups/detail': {'GET': backups.detail},
    '/backups/import_record': {'POST': backups.import_record},
    '/backups/{backup_id}': {'GET': backups.show, 'PUT': backups.update,
                             'DELETE': backups.delete},
    '/backups/{backup_id}/restore': {'POST': backups.restore},
    '/backups/{backup_id}/export_record': {'GET': backups.export_record},
    '/backups/{backup_id}/action': {'POST': backups.action},
    '/os-quota-sets/{target_project_id}/defaults': {'GET': quota_sets.defaults},
    '/os-quota-sets/{target_project_id}': {'GET': quota_sets.show,
                                           'PUT': quota_sets.update,
                                           'DELETE': quota_sets.delete},
    '/os-quota-class-sets/{class_name}': {'GET': quota_class_sets.show,
                                          'PUT': quota_class_sets.update},
    '/limits': {'GET': limits.index},
    '/os-services': {'GET': services.index},
    '/os-services/{service_action}': {'PUT': services.update},
    '/os-hosts': {'GET': hosts.index},
    '/os-hosts/{host_name}': {'GET': hosts.show},
    '/os-availability-zone': {'GET': availability_zones.index},
    '/extensions': {'GET': extensions.index},
    '/extensions/{alias}': {'GET': extensions.show},
    '/scheduler-stats/get_pools': {'GET': scheduler_stats.get_pools},
    '/capabilities/{host_name}': {'GET': capabilities.show},
    '/messages': {'GET': messages.index},
    '/resource_filters': {'GET': resource_filters.index},
    '/messages/{message_id}': {'GET': messages.show, 'DELETE': messages.delete},
    '/consistencygroups': {'GET': consistencygroups.index,
                           'POST': consistencygroups.create},
    '/consistencygroups/detail': {'GET': consistencygroups.detail},
    '/consistencygroups/create_from_src': {'POST': consistencygroups.create_from_src},
    '/consistencygroups/{group_id}': {'GET': consistencygroups.show,
                                      'PUT': consistencygroups.update},
    '/consistencygroups/{group_id}/update': {'PUT': consistencygroups.update},
    '/consistencygroups/{group_id}/delete': {'POST': consistencygroups.delete},
    '/cgsnapshots': {'GET': cgsnapshots.index, 'POST': cgsnapshots.create},
    '/cgsnapshots/detail': {'GET': cgsnapshots.detail},
    '/cgsnapshots/{cgsnapshot_id}': {'GET': cgsnapshots.show,
                                     'DELETE': cgsnapshots.delete},
    '/group_types': {'GET': group_types.index, 'POST': group_types.create},
    '/group_types/{group_type_id}': {'GET': group_types.show, 'PUT': group_types.update,
                                     'DELETE': group_types.delete},
    '/group_types/{group_type_id}/group_specs': {'GET': group_types.list_specs,
                                                 'POST': group_types.create_specs},
    '/group_types/{group_type_id}/group_specs/{key}': {'GET': group_types.show_spec,
                                                       'PUT': group_types.update_spec,
                                                       'DELETE': group_types.delete_spec},
    '/groups': {'GET': groups.index, 'POST': groups.create},
    '/groups/detail': {'GET': groups.detail},
    '/groups/action': {'POST': groups.collection_action},
    '/groups/{group_id}': {'GET': groups.show, 'PUT': groups.update},
    '/groups/{group_id}/action': {'POST': groups.action},
    '/group_snapshots': {'GET': group_snapshots.index, 'POST': group_snapshots.create},
    '/group_snapshots/detail': {'GET': group_snapshots.detail},
    '/group_snapshots/{group_snapshot_id}': {'GET': group_snapshots.show,
                                             'DELETE': group_snapshots.delete},
    '/group_snapshots/{group_snapshot_id}/action': {'POST': group_snapshots.action},
}


def make_mapper(with_projectless):
    """A routes.Mapper whose route names are keys of ``ROUTE_DECLARATIONS`` (or ``/``)."""
    mapper = routes.Mapper()
    mapper.connect('/', '/')
    for path in ROUTE_DECLARATIONS:
        mapper.connect(path, '/{project_id}' + path)
    if with_projectless:
        for path in ROUTE_DECLARATIONS:
            mapper.connect(path, path)
    return mapper


VERSION_ROUTE = {'GET': versions.show_version}


class APIRouter:
    """Dispatches a request of one API version to its handler."""

    def __init__(self, services, version):
        self.services = services
        self.version = version
        self.mapper = make_mapper(with_projectless=(version == 'v3'))

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            return self._dispatch(req)
        except (exception.CinderliteException, webob.exc.HTTPException) as e:
            return faults.from_exception(e)

    def _dispatch(self, req):
        wsgi.refuse_nul_in_url(req)
        if not req.path_info:
            # /v3 without its slash is the version document, as /v3/ is.
            req.path_info = '/'
        result = self.mapper.routematch(req.path_info)
        if result is None:
            raise webob.exc.HTTPNotFound(detail='The resource could not be found.')
        match, route = result
        match = {k: v for k, v in match.items() if k not in ('controller', 'action')}
        methods = ROUTE_DECLARATIONS.get(route.name, VERSION_ROUTE)
        handler = methods.get(req.method)
        if handler is None:
            error = webob.exc.HTTPMethodNotAllowed(
                detail='The method %s is not allowed for this resource.' % req.method)
            error.headers['Allow'] = ', '.join(sorted(methods))
            raise error
        min_version = getattr(handler, 'min_version', None)
        if min_version and not microversion.at_least(req, *min_version):
            raise webob.exc.HTTPNotFound(detail='The resource could not be found.')
        req.environ[wsgi.SERVICES_KEY] = self.services
        req.environ['cinderlite.conf'] = self.services.conf
        req.environ['cinderlite.api_major'] = self.version
        project_id = match.pop('project_id', None)
        context = req.environ.get(wsgi.CONTEXT_KEY)
        if project_id is not None and context is not None \
                and project_id != context.project_id:
            raise exception.MalformedRequestUrl()
        if req.method == 'GET' and context is not None \
                and not getattr(handler, 'writes', False):
            with self.services.reading(context):
                return handler(req, **match)
        return handler(req, **match)
