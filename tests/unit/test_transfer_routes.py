"""``volume-transfers`` routes are gated on microversion 3.55, ``os-volume-transfer`` not."""

from cinderlite.api import router


def test_every_volume_transfers_route_is_served_from_3_55_only():
    paths = [p for p in router.ROUTE_DECLARATIONS if p.startswith('/volume-transfers')]
    assert len(paths) == 4
    for path in paths:
        for handler in router.ROUTE_DECLARATIONS[path].values():
            assert handler.min_version == (3, 55), (path, handler)
    for path in (p for p in router.ROUTE_DECLARATIONS if p.startswith('/os-volume-transfer')):
        for handler in router.ROUTE_DECLARATIONS[path].values():
            assert getattr(handler, 'min_version', None) is None, (path, handler)
