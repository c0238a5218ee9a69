"""The greedy first-fit baseline the optimizer is compared with (bench, tests).

Candidates are taken in roster order; each joins the first open branch it is
compatible with (some allowed basis holds with every unit already there) that still
has room, else opens a new branch. Branches that end with fewer than two units or
too few formal members are dissolved and their units left uncovered. This is what a
careful coordinator would do by hand, one society at a time.

>>> from model.roster.values import Roster, Society
>>> r = Roster((Society("甲", "工科", "武汉", None, 1), Society("乙", "工科", "宜昌", None, 2),
...             Society("丙", "理科", "襄阳", None, 1)))
>>> p = greedy_plan(r)
>>> [o.units for o in p.joint_branches()], p.uncovered
([('甲', '乙')], ('丙',))
"""

from __future__ import annotations

from model.planning.compat import candidates
from model.planning.plan import Plan
from model.planning.planner import assemble_plan
from model.roster.values import Roster, Society
from model.rules.policy import SAME_HOST, SAME_INDUSTRY, SAME_REGION, Policy

__all__ = ["greedy_plan"]


def greedy_plan(roster: Roster, policy: Policy = Policy()) -> Plan:
    """First-fit plan (never better than the optimizer, often worse)."""
    open_: list[dict] = []  # {"units": [...], "modes": set, "f": int}
    by_key: dict[tuple, list[int]] = {}  # (basis, key) -> open branch ids that may fit
    neighbours: dict[str, set[str]] = {}
    for a, b in roster.adjacency:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)

    def keys(s: Society) -> list[tuple]:
        out = []
        if SAME_INDUSTRY in policy.bases:
            out.append((SAME_INDUSTRY, s.industry))
        if SAME_HOST in policy.bases and (s.host_unit or "").strip():
            out.append((SAME_HOST, s.host_unit.strip()))
        if SAME_REGION in policy.bases:
            out += [(SAME_REGION, r) for r in sorted({s.region} | neighbours.get(s.region, set()))]
        return out

    def fits(branch: dict, s: Society) -> set[str]:
        modes = set(branch["modes"])
        for u in branch["units"]:
            if SAME_INDUSTRY in modes and u.industry != s.industry:
                modes.discard(SAME_INDUSTRY)
            if SAME_HOST in modes and not (
                (u.host_unit or "").strip() and (u.host_unit or "").strip() == (s.host_unit or "").strip()
            ):
                modes.discard(SAME_HOST)
            if SAME_REGION in modes and not roster.adjacent(u.region, s.region):
                modes.discard(SAME_REGION)
        return modes

    for s in candidates(roster, policy):
        ids = sorted({i for k in keys(s) for i in by_key.get(k, ())})
        for i in ids:
            b = open_[i]
            if len(b["units"]) < policy.max_units and (modes := fits(b, s)):
                b["units"].append(s)
                b["modes"] = modes
                b["f"] += s.counts(policy.count_basis)[0]
                break
        else:
            open_.append({"units": [s], "modes": set(policy.bases), "f": s.counts(policy.count_basis)[0]})
            for k in keys(s):
                if k[0] == SAME_REGION and k[1] != s.region:
                    continue
                by_key.setdefault(k, []).append(len(open_) - 1)
    joint = [
        (tuple(u.name for u in b["units"]), False)
        for b in open_
        if len(b["units"]) >= 2 and b["f"] >= policy.min_members
    ]
    return assemble_plan(roster, policy, joint, notes=("贪心首次适配基线：按名册顺序逐个放入第一个相容且未满的支部。",))
