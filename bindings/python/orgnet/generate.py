"""Deterministic, seeded generator of version-1 datasets at three scales.

``district`` is modelled on the seed document's Tianjin Heping figures (63 communities, 629
grids, 661 grid managers, 1,561 informants, 183 instructors, 145 liaisons); ``city`` on a large
city (16 districts, 215 streets, about 6,000 communities, 242,000 organizations, 2,000,000
members); ``national`` on the national totals (about 120,000 communities, 5 million
organizations, 100 million members), streamed to disk row by row. The same seed and scale
always give the same bytes. Every dataset has deliberate gaps (units without coverage, grids
without a manager, members attached nowhere, ...) so that analyses have something to find.
"""

from __future__ import annotations

import datetime
import os
import random
from dataclasses import dataclass

__all__ = ["Scale", "SCALES", "generate"]


@dataclass(frozen=True)
class Scale:
    """Sizes of one generated dataset; orgs, members etc. follow from these by fixed ratios."""

    name: str
    districts: int
    streets: int
    communities: int
    grids: int
    units: int
    members: int
    grid_managers: int
    informants: int
    instructors: int
    liaisons: int
    links: int
    needs: int
    resources: int
    lat: float  # centre of the area, for grid coordinates
    lon: float
    spread: float  # degrees around the centre
    events_per_grid: int  # grid events a year, on average


SCALES = {
    "district": Scale("district", 1, 6, 63, 629, 3000, 24000, 661, 1561, 183, 145,
                      1500, 300, 480, 39.12, 117.20, 0.03, 12),
    "city": Scale("city", 16, 215, 6000, 60000, 400000, 2000000, 62000, 150000, 18000,
                  15000, 300000, 48000, 76000, 39.10, 117.20, 0.6, 50),
    "national": Scale("national", 2900, 9125, 120000, 1200000, 8000000, 100000000, 1240000,
                      3000000, 360000, 300000, 6000000, 960000, 1520000, 33.0, 110.0, 12.0, 10),
}

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志新春海波宁晓东"
_PLACES = ["荣业", "慎益", "新闻", "兆丰", "宝鸡", "庆有", "西康", "朝阳", "万全", "昆明", "成都",
           "重庆", "大理", "睦南", "马场", "常德", "锦州", "云南", "贵州", "福建", "四川", "湖北",
           "新华", "建设", "友谊", "光明", "胜利", "团结", "幸福", "康乐", "长春", "花园", "桃园",
           "滨江", "海河", "南门", "北门", "西湖", "东风", "春华", "秋实", "南京", "山东", "陕西"]
# The six streets of Tianjin's Heping district (the seed's example), used at district scale.
_HEPING_STREETS = ["劝业场", "小白楼", "五大道", "新兴", "南营门", "南市"]
_TRADES = ["科技", "商贸", "物流", "餐饮", "建设", "文化", "医药", "金融", "教育", "物业"]
_UNIT_KINDS = (["enterprise"] * 60 + ["social_org"] * 15 + ["agency"] * 5 + ["institution"] * 8
               + ["building"] * 5 + ["compound"] * 5 + ["market"] * 2)
_CATEGORIES = ["venue", "volunteers", "funding", "training", "medical", "elderly_care",
               "legal_aid", "employment"]
_LINK_KINDS = ["pairing", "joint_meeting", "part_time_member", "resource_sharing", "project"]
_EVENT_CATEGORIES = ["sanitation", "repair", "neighbour_dispute", "elderly_care", "parking",
                     "noise", "safety", "public_facility"]


class _Writer:
    """Buffered CSV writer: our generated text never needs quoting except where marked."""

    def __init__(self, folder, name: str, header: str):
        self._file = folder.file(name)
        self._lines = [header]
        self.rows = 0

    def row(self, line: str) -> None:
        self._lines.append(line)
        self.rows += 1
        if len(self._lines) >= 65536:
            self.flush()

    def flush(self) -> None:
        self._file.write("\n".join(self._lines))
        self._file.write("\n")
        self._lines = []

    def close(self) -> None:
        if self._lines:
            self.flush()
        self._file.commit()
        self._file.close()


def _date(rng: random.Random, first_year: int, last_year: int) -> str:
    return "%04d-%02d-%02d" % (rng.randint(first_year, last_year), rng.randint(1, 12),
                               rng.randint(1, 28))


_AS_OF = datetime.date(2026, 6, 30)


def _days_before(rng: random.Random, days: int) -> str:
    """A date within ``days`` before the datasets' as_of (2026-06-30)."""
    return (_AS_OF - datetime.timedelta(days=rng.randrange(days))).isoformat()


def generate(folder: str, scale: str = "district", seed: int = 1, fraction: float = 1.0,
             progress=None) -> dict:
    """Writes a dataset of the named scale into ``folder`` (created if needed; an existing one
    must be empty or a dataset folder, and is replaced whole).

    ``fraction`` (0 < fraction <= 1) keeps that share of every count: a 10% slice of the
    national scale is ``fraction=0.1``. Returns the row count of each file written.
    """
    if scale not in SCALES:
        raise ValueError("unknown scale %r: expected one of %s" % (scale, ", ".join(SCALES)))
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1], got %r" % (fraction,))
    base = SCALES[scale]
    s = {k: max(1, int(round(getattr(base, k) * fraction)))
         if isinstance(getattr(base, k), int) and k != "events_per_grid"
         else getattr(base, k) for k in base.__dataclass_fields__ if k != "name"}
    rng = random.Random("%s/%d/%r" % (scale, seed, fraction))
    # The whole dataset is one new folder put in place at the end (orgnet.output): a stop
    # part-way leaves the folder as it was.
    from .output import OutputFolder
    output = OutputFolder(folder, "dataset")
    try:
        counts = _generate(output, scale, seed, fraction, s, rng, progress)
        output.commit()
    finally:
        output.close()
    return counts


def _generate(folder, scale, seed, fraction, s, rng, progress) -> dict:
    say = progress or (lambda message: None)

    def person() -> str:
        return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))

    def place_name() -> str:
        return rng.choice(_PLACES)

    with folder.file("manifest.csv") as f:
        f.write("key,value\nversion,1\nname,orgnet %s dataset\nsource,orgnet generator seed %d"
                " fraction %r\nas_of,2026-06-30\n" % (scale, seed, fraction))

    # ------------------------------------------------------------------ organizations
    say("organizations")
    orgs = _Writer(folder, "orgs.csv", "id,name,kind,parent,grid,level")
    org_count = 0

    def new_org(name, kind, parent, grid="", level="branch") -> str:
        nonlocal org_count
        org_count += 1
        oid = "O%07d" % org_count
        orgs.row("%s,%s,%s,%s,%s,%s" % (oid, name, kind, parent, grid, level))
        return oid

    root = new_org("市委" if scale != "district" else "区委", "city" if scale != "district"
                   else "district", "", level="committee")
    districts, sectors = [], []
    for d in range(s["districts"]):
        did = root if scale == "district" else new_org("%s区委" % place_name(), "district", root,
                                                         level="committee")
        districts.append(did)
        # The 條: sector committees under the district lead some unit organizations from
        # outside their street (where the two trees disagree).
        sectors.append(new_org("%s系统党委" % rng.choice(_TRADES), "sector", did,
                               level="committee"))
    streets = []  # (street org, district index)
    for k in range(s["streets"]):
        d = k * s["districts"] // s["streets"]
        name = _HEPING_STREETS[k] if scale == "district" and k < len(_HEPING_STREETS) \
            else place_name()
        streets.append((new_org("%s街道党工委" % name, "street", districts[d],
                                level="committee"), d))
    communities = []  # (community org, street index)
    for k in range(s["communities"]):
        st = k * s["streets"] // s["communities"]
        level = rng.choice(["committee", "general_branch", "branch"])
        communities.append((new_org("%s社区党委" % place_name(), "community", streets[st][0],
                                    level=level), st))

    # Grids: ids are written now; rows follow once the staff is known.
    grid_community = [k * s["communities"] // s["grids"] for k in range(s["grids"])]
    grid_ids = ["G%07d" % (g + 1) for g in range(s["grids"])]
    grid_branch = {}
    for g in range(s["grids"]):
        if rng.random() < 0.85:  # grid (building) branches in most grids
            c = communities[grid_community[g]][0]
            grid_branch[g] = new_org("第%d网格党支部" % (g + 1), "branch", c, grid_ids[g])
            if rng.random() < 0.35:
                new_org("楼栋党小组", "group", grid_branch[g], level="")
    stations = []
    for st in range(s["streets"]):
        stations.append(new_org("流动党员联络站", "station", streets[st][0]))

    # Units, with the members each employs; own organizations for most with 3+ formal members.
    say("units")
    units = _Writer(folder, "units.csv", "id,name,kind,grid,org,instructor,liaison,employees")
    unit_members = []  # members working in each unit
    mean_members = s["members"] * 0.55 / s["units"]
    for u in range(s["units"]):
        unit_members.append(min(400, int(rng.expovariate(1 / mean_members))))
    unit_org = [""] * s["units"]
    unit_grid = [rng.randrange(s["grids"]) for _ in range(s["units"])]
    joint_open = {}  # community -> (joint org, units covered)
    for u in range(s["units"]):
        g = unit_grid[u]
        c_index = grid_community[g]
        c, st = communities[c_index]
        r = rng.random()
        if unit_members[u] >= 3 and r < 0.85:
            parent = sectors[streets[st][1]] if rng.random() < 0.08 else streets[st][0]
            level = "general_branch" if unit_members[u] >= 50 else "branch"
            if unit_members[u] >= 100:
                level = "committee"
            if rng.random() < 0.03:  # a form that does not fit the size: a finding
                level = "branch"
            unit_org[u] = new_org("%s%s有限公司党支部" % (place_name(), rng.choice(_TRADES)),
                                  "unit", parent, grid_ids[g], level)
        elif unit_members[u] < 3 and r < 0.7:
            joint, covered = joint_open.get(c_index, ("", 0))
            if not joint or covered >= rng.choice([3, 4, 5, 5, 6]):
                joint = new_org("%s联合党支部" % place_name(), "joint", c, grid_ids[g])
                covered = 0
            joint_open[c_index] = (joint, covered + 1)
            unit_org[u] = joint
    orgs.close()

    # ------------------------------------------------------------------ staff and grids
    say("staff and grids")
    staff = _Writer(folder, "staff.csv", "id,name,role,grid")
    staff_count = 0

    def new_staff(role, grid="") -> str:
        nonlocal staff_count
        staff_count += 1
        sid = "T%07d" % staff_count
        staff.row("%s,%s,%s,%s" % (sid, person(), role, grid))
        return sid

    managed = [g for g in range(s["grids"]) if rng.random() > 0.03]  # ~3% grids without one
    for k in range(s["grid_managers"]):
        new_staff("grid_manager", grid_ids[managed[k % len(managed)]])
    for k in range(s["informants"]):
        new_staff("grid_informant", grid_ids[rng.randrange(s["grids"])])
    instructors = [new_staff("instructor") for _ in range(s["instructors"])]
    liaisons = [new_staff("liaison") for _ in range(s["liaisons"])]
    staff.close()

    grids = _Writer(folder, "grids.csv", "id,name,community,households,lon,lat")
    # Grids cluster around their community's centre; the centres come from a stream of their
    # own so that the draws of everything else stay as they were.
    geo = random.Random("%s/%d/%r/geography" % (scale, seed, fraction))
    community_at = [(s["lon"] + geo.uniform(-1, 1) * s["spread"],
                     s["lat"] + geo.uniform(-1, 1) * s["spread"] * 0.8)
                    for _ in range(len(communities))]
    cluster = 1.5 * s["spread"] / max(1.0, len(communities) ** 0.5)
    grid_at = [None] * s["grids"]
    grid_households = [0] * s["grids"]
    for g in range(s["grids"]):
        households = rng.randint(300, 500) if rng.random() < 0.85 else rng.randint(120, 900)
        grid_households[g] = households
        if rng.random() < 0.02:
            coordinates = ","
        else:
            lon, lat = community_at[grid_community[g]]
            grid_at[g] = (lon + rng.uniform(-1, 1) * cluster, lat + rng.uniform(-1, 1) * cluster * 0.8)
            coordinates = "%.5f,%.5f" % grid_at[g]
        grids.row("%s,第%d网格,%s,%d,%s" % (grid_ids[g], g + 1,
                                           communities[grid_community[g]][0], households,
                                           coordinates))
    grids.close()

    for u in range(s["units"]):
        instructor = liaison = ""
        if not unit_org[u]:
            r = rng.random()
            if r < 0.35:
                instructor = rng.choice(instructors)
            elif r < 0.6:
                liaison = rng.choice(liaisons)
        employees = unit_members[u] * rng.randint(5, 30) + rng.randint(1, 20)
        units.row("U%08d,%s%s,%s,%s,%s,%s,%s,%d" % (
            u + 1, place_name(), rng.choice(_TRADES), rng.choice(_UNIT_KINDS),
            grid_ids[unit_grid[u]], unit_org[u], instructor, liaison, employees))
    units.close()

    # ------------------------------------------------------------------ members
    say("members")
    members = _Writer(folder, "members.csv", "id,name,org,status,unit,community,mobile,station,"
                      "away_since,last_contact")
    member_count = 0
    resident_orgs = [grid_branch.get(g) or communities[grid_community[g]][0]
                     for g in range(s["grids"])]

    def member_row(org, unit, community):
        nonlocal member_count
        member_count += 1
        status = "probationary" if rng.random() < 0.06 else "formal"
        mobile = station = away = ""
        if rng.random() < 0.03:
            mobile = "1"
            away = _date(rng, 2023, 2026)
            if stations and rng.random() < 0.7:
                station = rng.choice(stations)
        # Most members were in contact within the last five months; a few were lost long ago.
        contact = _days_before(rng, 150) if rng.random() < 0.97 else _date(rng, 2022, 2025)
        if rng.random() < 0.05:
            contact = ""
        members.row("M%09d,%s,%s,%s,%s,%s,%s,%s,%s,%s" % (
            member_count, person(), org, status, unit, community, mobile, station, away, contact))

    for u in range(s["units"]):
        g = unit_grid[u]
        for _ in range(unit_members[u]):
            org = unit_org[u] or (resident_orgs[g] if rng.random() < 0.9 else "")
            registered = ""
            if rng.random() < 0.8:
                registered = communities[rng.randrange(len(communities))][0] if \
                    rng.random() < 0.1 else communities[grid_community[g]][0]
            member_row(org, "U%08d" % (u + 1), registered)
    while member_count < s["members"]:
        g = rng.randrange(s["grids"])
        org = resident_orgs[g] if rng.random() > 0.004 else ""  # a few attached nowhere
        member_row(org, "", "")
    members.close()

    # ------------------------------------------------------------------ links and lists
    say("links, needs, resources")
    links = _Writer(folder, "links.csv", "a,b,kind,since,until")
    seen = set()
    unit_orgs = sorted({o for o in unit_org if o})
    community_ids = [c for c, _ in communities]
    # Co-building is mostly local: a community pairs with units and communities of its own
    # street three times in four, and reaches across the city otherwise.
    street_units, street_communities = {}, {}
    for u in range(s["units"]):
        if unit_org[u]:
            street_units.setdefault(communities[grid_community[unit_grid[u]]][1],
                                    set()).add(unit_org[u])
    street_units = {st: sorted(orgs_) for st, orgs_ in street_units.items()}
    for c, st in communities:
        street_communities.setdefault(st, []).append(c)
    attempts = 0
    while links.rows < s["links"] and attempts < s["links"] * 3:
        attempts += 1
        kind = rng.choice(_LINK_KINDS)
        a, st = communities[rng.randrange(len(communities))]
        local = rng.random() < 0.75
        if unit_orgs and rng.random() < 0.8:
            b = rng.choice(street_units[st]) if local and street_units.get(st) else \
                rng.choice(unit_orgs)
        else:
            b = rng.choice(street_communities[st]) if local else rng.choice(community_ids)
        if a == b:
            continue
        since = _date(rng, 2019, 2026)
        key = (min(a, b), max(a, b), kind, since)
        if key in seen:
            continue
        seen.add(key)
        until = _date(rng, 2027, 2029) if rng.random() < 0.2 else ""
        links.row("%s,%s,%s,%s,%s" % (a, b, kind, since, until))
    links.close()
    needs = _Writer(folder, "needs.csv", "id,org,category,amount")
    for k in range(s["needs"]):
        needs.row("N%08d,%s,%s,%d" % (k + 1, rng.choice(community_ids), rng.choice(_CATEGORIES),
                                      rng.randint(1, 50)))
    needs.close()
    resources = _Writer(folder, "resources.csv", "id,org,category,amount")
    offerers = unit_orgs or community_ids
    for k in range(s["resources"]):
        resources.row("R%08d,%s,%s,%d" % (k + 1, rng.choice(offerers), rng.choice(_CATEGORIES),
                                          rng.randint(1, 40)))
    resources.close()

    # ------------------------------------------------------------------ service reach
    # Centres, events and funds draw from a stream of their own (the files above stay as they
    # were without them).
    say("centres, events, funds")
    extra = random.Random("%s/%d/%r/service" % (scale, seed, fraction))
    grids_of = {}
    for g in range(s["grids"]):
        grids_of.setdefault(grid_community[g], []).append(g)
    centres = _Writer(folder, "centres.csv", "id,name,org,grid,functions,lon,lat")
    optional = ["deliberation", "culture", "mediation", "medical"]

    def centre(name, org, g, functions):
        at = grid_at[g]
        own = "" if at is None or extra.random() < 0.5 else "%.5f,%.5f" % (
            at[0] + extra.uniform(-1, 1) * cluster * 0.2, at[1] + extra.uniform(-1, 1) * cluster * 0.2)
        centres.row("C%07d,%s,%s,%s,%s,%s" % (centres.rows + 1, name, org, grid_ids[g],
                                            ";".join(functions), own or ","))

    for ci, (c, st) in enumerate(communities):
        # About one community in three has no centre of its own (a gap, unless a neighbour's
        # lies within reach).
        if extra.random() < 0.35 or ci not in grids_of:
            continue
        functions = ["service"] + [f for f in optional if extra.random() < 0.6]
        centre("%s党群服务站" % place_name(), c, extra.choice(grids_of[ci]), functions)
    street_grids = {}
    for ci, (_, street) in enumerate(communities):
        street_grids.setdefault(street, []).extend(grids_of.get(ci, []))
    for st in range(len(streets)):
        if street_grids.get(st):
            centre("街道党群服务中心", streets[st][0], extra.choice(street_grids[st]),
                   ["service"] + optional)
    centres.close()

    # Events over the last 18 months (a year at city and national scale), about
    # events_per_grid a year, with some grids drawing many more of one category (hot spots).
    events = _Writer(folder, "events.csv", "id,grid,category,reported,resolved,level")
    months = 18 if scale == "district" else 12
    first = _AS_OF - datetime.timedelta(days=months * 30)
    span = (_AS_OF - first).days
    per_grid = s["events_per_grid"] * months / 12
    levels = ["grid"] * 65 + ["community"] * 25 + ["street"] * 8 + ["district"] * 2
    mean_days = {"grid": 3, "community": 10, "street": 25, "district": 40}
    for g in range(s["grids"]):
        hot = extra.choice(_EVENT_CATEGORIES) if extra.random() < 0.04 else None
        count = int(extra.expovariate(1 / per_grid)) if per_grid > 0 else 0
        for _ in range(count + (int(per_grid) * 3 if hot else 0)):
            category = hot if hot and extra.random() < 0.75 else extra.choice(_EVENT_CATEGORIES)
            reported = first + datetime.timedelta(days=extra.randrange(span))
            resolved = level = ""
            if extra.random() < 0.9:
                level = extra.choice(levels)
                day = reported + datetime.timedelta(days=int(extra.expovariate(1 / mean_days[level])))
                if day <= _AS_OF:
                    resolved = day.isoformat()
                    if extra.random() < 0.01:
                        level = ""  # resolved, level not recorded
                else:
                    level = ""
            events.row("E%09d,%s,%s,%s,%s,%s" % (events.rows + 1, grid_ids[g], category,
                                                 reported.isoformat(), resolved, level))
    events.close()

    # Funds for 2025 and 2026: dues to most communities, fiscal money to many, sponsorship to
    # some through their branches; about one community in twenty gets nothing in 2026.
    funds = _Writer(folder, "funds.csv", "org,source,amount,year")
    for c, _ in communities:
        for year in (2025, 2026):
            if year == 2026 and extra.random() < 0.05:
                continue
            if extra.random() < 0.9:
                funds.row("%s,dues,%d,%d" % (c, extra.randint(2000, 20000), year))
            if extra.random() < 0.75:
                funds.row("%s,fiscal,%d,%d" % (c, extra.randint(50000, 200000), year))
            if extra.random() < 0.35:
                funds.row("%s,sponsor,%d,%d" % (c, extra.randint(5000, 50000), year))
    funds.close()
    return {"orgs.csv": org_count, "grids.csv": s["grids"], "units.csv": s["units"],
            "members.csv": member_count, "staff.csv": staff_count, "links.csv": links.rows,
            "needs.csv": s["needs"], "resources.csv": s["resources"],
            "centres.csv": centres.rows, "events.csv": events.rows, "funds.csv": funds.rows}
