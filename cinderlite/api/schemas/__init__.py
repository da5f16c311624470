"""JSON schemas of request bodies, one module per resource.

Optional keys accept null: python-cinderclient sends every optional key, as
null when unset (real Cinder since 2024.2 rejects some of those nulls; we
don't). Extra keys that clients send (user_id, project_id, status) are allowed
and ignored.
"""

#: Integers are bounded as the database's INTEGER columns are (Cinder's DB_MAX_INT).
MAX_INT = 2 ** 31 - 1

NAME = {'type': ['string', 'null'], 'maxLength': 255}
DESCRIPTION = {'type': ['string', 'null'], 'maxLength': 255}
OPTIONAL_ID = {'type': ['string', 'null'], 'maxLength': 255}
REQUIRED_ID = {'type': 'string', 'minLength': 1, 'maxLength': 255}
#: Another resource's id, or null. An empty string names nothing, and stored it
#: would break the foreign key.
REFERENCE_ID = dict(OPTIONAL_ID, minLength=1)
BOOLEAN = {'type': ['boolean', 'string', 'null'],
           'pattern': '(?i)^(true|false|t|f|yes|no|y|n|on|off|1|0)$'}
METADATA = {'type': ['object', 'null'],
            'patternProperties': {'^.{1,255}$': {'type': 'string', 'maxLength': 255}},
            'additionalProperties': False}


def envelope(key, properties, required=(), nullable=False):
    """A body ``{key: {properties}}`` with ``key`` required."""
    inner = {'type': ['object', 'null'] if nullable else 'object',
             'properties': properties, 'required': list(required)}
    return {'type': 'object', 'properties': {key: inner}, 'required': [key]}
