"""Cinder's capacity model: whether a backend has room for a volume, and which has most.

A backend reports its capacity with every heartbeat (the driver's
``get_volume_stats``). The checks follow Cinder's CapacityFilter and
CapacityWeigher. A thin-provisioning backend may promise
``max_over_subscription_ratio`` times its usable capacity (its total less
``reserved_percentage``), however little of it is written yet. Its volumes and
snapshots count at their full sizes (``provisioned_capacity_gb``). A thick
backend, or a type whose extra spec ``provisioning:type`` is ``thick``, gets
what is really free, less the reserve.

A report is up to ``report_interval`` old. Volumes placed since then are in
the database, not in the report, so they are charged on top of it: the
database's sizes of the backend's volumes less the ``allocated_capacity_gb``
the report counted. The charge is exact at every moment, unlike a count kept
in memory. It also holds across restarts and for volumes that group clones
place without asking the scheduler.
"""

import dataclasses
import math

UNLIMITED = ('infinite', 'unknown')
# Cinder's default, for a thin backend whose report gives no ratio.
DEFAULT_RATIO = 20.0


def _gb(value):
    """A reported figure: a float, one of UNLIMITED, or None when unreadable."""
    if value in UNLIMITED:
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@dataclasses.dataclass(frozen=True)
class Capacity:
    """One backend's capacity now: its last report plus what was placed since.

    ``total_gb`` and ``free_gb`` are numbers, ``'infinite'`` or ``'unknown'``,
    or None when the backend reported none (it then takes nothing).
    """

    total_gb: object
    free_gb: object
    provisioned_gb: float
    thin_support: bool = False
    max_over_subscription_ratio: float = 1.0
    reserved_percentage: float = 0.0

    @classmethod
    def from_report(cls, report, allocated_now_gb):
        """The capacity of a backend whose ``report`` may predate some of its volumes.

        ``allocated_now_gb``: the sizes of the backend's volumes in the
        database now. What exceeds the report's ``allocated_capacity_gb`` was
        placed since and is charged as Cinder charges a placement (provisioned
        grows, free shrinks). A report without ``allocated_capacity_gb``
        cannot say which volumes it counted, so its provisioned capacity is
        taken as at least the database's volumes. Volumes deleted since the
        report free their room at the next report, not before. Other missing
        keys take Cinder's defaults.
        """
        reported_allocated = _gb(report.get('allocated_capacity_gb'))
        provisioned = _gb(report.get('provisioned_capacity_gb'))
        if not isinstance(provisioned, float):
            provisioned = reported_allocated if isinstance(reported_allocated, float) else 0.0
        if isinstance(reported_allocated, float):
            charge = max(0.0, allocated_now_gb - reported_allocated)
        else:
            charge = max(0.0, allocated_now_gb - provisioned)
        free = _gb(report.get('free_capacity_gb'))
        if isinstance(free, float):
            free -= charge
        thin = report.get('thin_provisioning_support') is True
        ratio = _gb(report.get('max_over_subscription_ratio', DEFAULT_RATIO)) if thin else 1.0
        reserved = _gb(report.get('reserved_percentage', 0))
        return cls(total_gb=_gb(report.get('total_capacity_gb')), free_gb=free,
                   provisioned_gb=provisioned + charge, thin_support=thin,
                   max_over_subscription_ratio=(
                       ratio if isinstance(ratio, float) else DEFAULT_RATIO),
                   reserved_percentage=reserved if isinstance(reserved, float) else 0.0)

    @property
    def unlimited(self):
        return self.free_gb in UNLIMITED or self.total_gb in UNLIMITED

    def reserved_gb(self):
        """GiB of the total kept out of reach (Cinder rounds it down)."""
        return math.floor(self.total_gb * self.reserved_percentage / 100)

    def virtual_free_gb(self, thin=True):
        """GiB a new volume may still take (infinite for an unlimited backend).

        ``thin``: whether the volume may be thin (its type does not ask for
        ``provisioning:type`` ``thick``). Thin on a thin backend: usable
        capacity times the ratio, less what is provisioned. Otherwise what is
        free less the reserve, and no more than usable less provisioned.
        """
        if self.unlimited:
            return math.inf
        usable = self.total_gb - self.reserved_gb()
        if thin and self.thin_support:
            return usable * self.max_over_subscription_ratio - self.provisioned_gb
        return min(self.free_gb - self.reserved_gb(), usable - self.provisioned_gb)

    def refusal(self, size_gb, thin=True):
        """None when a volume of ``size_gb`` fits, else why not (for the operator's log)."""
        if not size_gb:
            return None     # nothing to hold (an empty group)
        if self.total_gb is None or self.free_gb is None:
            return 'it reports no readable total_capacity_gb and free_capacity_gb'
        if self.free_gb in UNLIMITED:
            return None
        if self.total_gb in UNLIMITED:
            if not self.reserved_percentage:
                return None
            return ('its total capacity is %s, so its reserved_percentage %g cannot be '
                    'set aside' % (self.total_gb, self.reserved_percentage))
        if self.total_gb <= 0:
            return 'it reports a total capacity of %g GB' % self.total_gb
        if thin and self.thin_support and self.max_over_subscription_ratio < 1:
            return ('its max_over_subscription_ratio %g is below the minimum of 1.0'
                    % self.max_over_subscription_ratio)
        room = self.virtual_free_gb(thin)
        if room >= size_gb:
            return None
        if thin and self.thin_support:
            return ('%(want)s GB does not fit: %(prov).2f GB is provisioned of the '
                    '%(limit).2f GB it may provision (max_over_subscription_ratio '
                    '%(ratio)g x %(usable).2f GB: %(total).2f GB total less '
                    '%(pct)g%% reserved)' % {
                        'want': size_gb, 'prov': self.provisioned_gb,
                        'limit': room + self.provisioned_gb,
                        'ratio': self.max_over_subscription_ratio,
                        'usable': self.total_gb - self.reserved_gb(),
                        'total': self.total_gb, 'pct': self.reserved_percentage})
        return ('%(want)s GB does not fit: %(room).2f GB is left for thick volumes '
                '(%(free).2f GB free, %(prov).2f GB provisioned, %(total).2f GB total, '
                '%(pct)g%% reserved)' % {
                    'want': size_gb, 'room': max(room, 0.0), 'free': self.free_gb,
                    'prov': self.provisioned_gb, 'total': self.total_gb,
                    'pct': self.reserved_percentage})

    def weight(self, thin=True):
        """Sort key: most room first, as Cinder's CapacityWeigher; unlimited ones last.

        A backend without a readable report comes after every other (it
        passes only when nothing is to be held: an empty group).
        """
        if self.total_gb is None or self.free_gb is None:
            return (-1, 0.0)
        if self.unlimited:
            return (0, 0.0)
        return (1, self.virtual_free_gb(thin))


def thin_requested(extra_specs_of_types):
    """False when any of the volume types asks for thick provisioning."""
    return not any(specs.get('provisioning:type') == 'thick'
                   for specs in extra_specs_of_types)


def why_full(type_names, size_gb):
    """The user's reason when every backend a type may use lacks room for ``size_gb``.

    Says what the user can do; the operator's log has each backend's figures.
    """
    return ('every backend that volume type %s may use is full: the volumes and '
            'snapshots already on it take all the capacity it may promise, and %s GB '
            'more was asked for. Delete volumes or snapshots you no longer need, ask '
            'for a smaller size, or ask your cloud administrator for capacity.' % (
                ', '.join(sorted(type_names)), size_gb))
