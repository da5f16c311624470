"""The metadata routes of volumes and snapshots, one implementation for both.

``GET/POST/PUT <resource>/{id}/metadata`` and ``GET/PUT/DELETE
<resource>/{id}/metadata/{key}``, as Cinder serves them: POST merges keys, PUT
replaces them all, and a DELETE or GET of a missing key is a 404. From 3.15
a volume's metadata carries an ``Etag``, and a ``PUT`` whose ``If-Match`` names
another version is a 412 (Cinder does not do this for snapshots).
"""

import hashlib

from oslo_serialization import jsonutils

from cinderlite import exception
from cinderlite.api import microversion
from cinderlite.api import wsgi
from cinderlite.api.schemas import metadata as schema
from cinderlite.policies import snapshot_metadata as snapshot_policies
from cinderlite.policies import volumes as volume_policies


class MetadataHandlers:
    """Handlers of one resource's metadata.

    :param service: the ``Services`` attribute that owns the resource
        (``volumes``, ``snapshots``): it offers get/set/delete_metadata.
    :param id_name: the path parameter of the resource's id.
    :param policies: the policy names ``(get, create, update, delete)``.
    :param not_found: builds the 404 of a missing key from (id, key).
    :param etags: serve ``Etag`` and honour ``If-Match`` from 3.15.
    """

    def __init__(self, service, id_name, policies, not_found, etags=False):
        self.etags = etags
        self.service = service
        self.id_name = id_name
        self.get_policy, self.create_policy, self.update_policy, self.delete_policy = \
            policies
        self.not_found = not_found

    def _service(self, req):
        return getattr(wsgi.services_of(req), self.service)

    def _metadata(self, req, owner_id):
        context = wsgi.context_of(req)
        context.can(self.get_policy)
        return self._service(req).get_metadata(context, owner_id)

    def _uses_etags(self, req):
        return self.etags and microversion.at_least(req, 3, 15)

    @staticmethod
    def _etag(metadata):
        """Cinder's ETag of a metadata document: the MD5 of its JSON."""
        return hashlib.md5(jsonutils.dump_as_bytes({'metadata': metadata}),
                           usedforsecurity=False).hexdigest()

    def _stale(self, req, owner_id):
        """Whether an ``If-Match`` names another version of the metadata than now."""
        if not self._uses_etags(req) or not req.if_match:
            return False
        current = self._service(req).get_metadata(wsgi.context_of(req), owner_id)
        return self._etag(current) not in req.if_match

    def index(self, req, **path):
        """GET .../metadata: 200 ``{"metadata": {...}}`` (``Etag`` at 3.15); 404."""
        metadata = self._metadata(req, path[self.id_name])
        response = wsgi.json_response({'metadata': metadata})
        if self._uses_etags(req):
            response.headers['Etag'] = self._etag(metadata)
        return response

    def _write(self, req, owner_id, policy, replace):
        context = wsgi.context_of(req)
        context.can(policy)
        if replace and self._stale(req, owner_id):
            return wsgi.empty_response(412)
        metadata = wsgi.json_body(req, schema.METADATA)['metadata']
        result = self._service(req).set_metadata(context, owner_id, metadata,
                                                 replace=replace)
        return wsgi.json_response({'metadata': result})

    def create(self, req, **path):
        """POST .../metadata: 200 with every key after merging the given ones."""
        return self._write(req, path[self.id_name], self.create_policy, replace=False)

    def update_all(self, req, **path):
        """PUT .../metadata: 200 with exactly the given keys."""
        return self._write(req, path[self.id_name], self.update_policy, replace=True)

    def show(self, req, key, **path):
        """GET .../metadata/{key}: 200 ``{"meta": {key: value}}``; 404 missing key."""
        owner_id = path[self.id_name]
        metadata = self._metadata(req, owner_id)
        if key not in metadata:
            raise self.not_found(owner_id, key)
        return wsgi.json_response({'meta': {key: metadata[key]}})

    def update(self, req, key, **path):
        """PUT .../metadata/{key}: 200 ``{"meta": ...}``; 400 body and URI name other keys."""
        context = wsgi.context_of(req)
        context.can(self.update_policy)
        if self._stale(req, path[self.id_name]):
            return wsgi.empty_response(412)
        meta = wsgi.json_body(req, schema.METADATA_ITEM)['meta']
        if key not in meta:
            raise exception.BadRequest(reason='Request body and URI mismatch')
        self._service(req).set_metadata(context, path[self.id_name], meta)
        return wsgi.json_response({'meta': meta})

    def delete(self, req, key, **path):
        """DELETE .../metadata/{key}: 200 with no body; 404 missing key."""
        context = wsgi.context_of(req)
        context.can(self.delete_policy)
        self._service(req).delete_metadata(context, path[self.id_name], key)
        return wsgi.empty_response(200)


VOLUMES = MetadataHandlers(
    'volumes', 'volume_id',
    (volume_policies.GET_METADATA, volume_policies.CREATE_METADATA,
     volume_policies.UPDATE_METADATA, volume_policies.DELETE_METADATA),
    lambda volume_id, key: exception.VolumeMetadataNotFound(volume_id=volume_id, key=key),
    etags=True)

SNAPSHOTS = MetadataHandlers(
    'snapshots', 'snapshot_id',
    (snapshot_policies.GET, snapshot_policies.UPDATE, snapshot_policies.UPDATE,
     snapshot_policies.DELETE),
    lambda snapshot_id, key: exception.SnapshotMetadataNotFound(snapshot_id=snapshot_id,
                                                                key=key))
