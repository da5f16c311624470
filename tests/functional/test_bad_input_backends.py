"""Strings no database stores are a 400 on every backend (issue 12, item 1).

A lone surrogate (``"\\ud800"`` in JSON) has no UTF-8 form: SQLite's and
PostgreSQL's drivers failed on it with a 500.
"""

import pytest

from tests.functional import bad_input_helpers as bad

SURROGATE = '\\ud800'

BODIES = [
    ('/v3/p1/volumes', '{"volume": {"size": 1, "name": "a%sb"}}' % SURROGATE),
    ('/v3/p1/volumes', '{"volume": {"size": 1, "metadata": {"k": "%s"}}}' % SURROGATE),
    ('/v3/p1/volumes', '{"volume": {"size": 1, "metadata": {"%s": "v"}}}' % SURROGATE),
    ('/v3/p1/volumes', '{"volume": {"size": 1, "description": "\\udfff\\ud800"}}'),
    ('/v3/p1/volumes', '{"volume": {"size": 1, "volume_type": "%s"}}' % SURROGATE),
    ('/v3/p1/consistencygroups',
     '{"consistencygroup": {"volume_types": "__DEFAULT__", "name": "%s"}}' % SURROGATE),
    ('/v3/admin/types', '{"volume_type": {"name": "%s"}}' % SURROGATE),
    ('/v3/admin/types', '{"volume_type": {"name": "t", "extra_specs": {"k": "%s"}}}'
     % SURROGATE),
]


@pytest.mark.parametrize('db_backend', ['sqlite', 'postgresql', 'mysql'])
def test_lone_surrogates_are_400_and_write_nothing(make_cloud, db_backend):
    cloud = make_cloud(db_backend)
    before = bad.row_counts()
    for path, body in BODIES:
        token = 'admin:admin' if '/admin/' in path else 'u1:p1'
        resp = cloud.request('POST', path, token=token, raw=body.encode())
        bad.assert_refused(resp, 400)
        assert resp.json['badRequest']['message'] == (
            'Invalid input received: Strings must be valid Unicode: lone surrogates are '
            'not allowed.'), (path, body)
    assert bad.row_counts() == before
