"""The committed test lists beside this file, in stestr's format (``regex  # reason``).

``exclude-list``: tests that cannot pass in a cloud without Glance and Nova;
they are never run. ``known-failures``: tests that fail today because a
feature is missing; each names the feature and the issue that brings it. They
are left out of the run so that CI is green, and the list shrinks as features
land (``--known-failures`` runs just them and names the entries that pass).
"""

import dataclasses
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
EXCLUDE_LIST = os.path.join(HERE, 'exclude-list')
KNOWN_FAILURES = os.path.join(HERE, 'known-failures')


@dataclasses.dataclass
class Entry:
    regex: str
    reason: str
    line: int

    def matches(self, test_id):
        return re.search(self.regex, test_id) is not None


def read(path):
    """The entries of a list file; blank lines and comment lines are skipped."""
    entries = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            regex, _, reason = line.partition('#')
            if regex.strip():
                entries.append(Entry(regex.strip(), reason.strip(), number))
    return entries


def matching(entries, test_ids):
    """The ``test_ids`` that some entry matches."""
    return [t for t in test_ids if any(e.matches(t) for e in entries)]


def write_merged(paths, target):
    """One exclude file of all ``paths`` (tempest takes a single ``--exclude-list``)."""
    with open(target, 'w') as out:
        for path in paths:
            with open(path) as f:
                out.write(f.read().rstrip('\n') + '\n')
    return target
