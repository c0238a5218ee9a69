"""Write sample_data/sample_roster.xlsx: a realistic, seeded roster of a province (Hubei).

About 140 provincial societies in the 17 prefecture-level regions of Hubei (most in
Wuhan), with a 地域相邻 sheet of their real land borders, a 党员 sheet for societies of
up to 20 members, and today's party organizations: about two thirds of the required
ones exist, four joint branches among them (one of 6 units, against the rule of 5),
one own branch whose society now has too few members, one whose kind no longer fits,
and several terms ending within six months of 2026-11-22.

Run: ``python sample_data/make_sample.py [--seed N] [--out PATH]``. Same seed, same file.

City mode, for the benchmarks: ``--societies N`` writes a city roster of N societies (Wuhan's 13
districts, every member listed on the 党员 sheet, about half the societies with 0–2 members, own
organizations for two thirds of the larger ones, joint branches of 2–5 small societies on one host
unit, terms ending all through the next three years) to ``sample_data/city_N.xlsx`` unless ``--out``.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.roster.template import write_roster_xlsx
from model.roster.values import Member, Roster, Society
from model.rules.policy import kind_for_total

SEED = 2026
TODAY = date(2026, 11, 22)
OUT = Path(__file__).resolve().parent / "sample_roster.xlsx"

# Societies per region; every region has at least one so each adjacency names a known region.
REGIONS = {
    "武汉市": 88,
    "宜昌市": 8,
    "襄阳市": 7,
    "荆州市": 6,
    "十堰市": 5,
    "黄石市": 4,
    "孝感市": 3,
    "黄冈市": 3,
    "咸宁市": 3,
    "荆门市": 3,
    "恩施州": 3,
    "鄂州市": 2,
    "随州市": 2,
    "仙桃市": 1,
    "潜江市": 1,
    "天门市": 1,
    "神农架林区": 1,
}
# Land borders between the regions (undirected).
ADJACENCY = [
    ("武汉市", "孝感市"),
    ("武汉市", "黄冈市"),
    ("武汉市", "鄂州市"),
    ("武汉市", "咸宁市"),
    ("武汉市", "仙桃市"),
    ("黄石市", "鄂州市"),
    ("黄石市", "黄冈市"),
    ("黄石市", "咸宁市"),
    ("鄂州市", "黄冈市"),
    ("十堰市", "襄阳市"),
    ("十堰市", "神农架林区"),
    ("宜昌市", "恩施州"),
    ("宜昌市", "荆州市"),
    ("宜昌市", "荆门市"),
    ("宜昌市", "襄阳市"),
    ("宜昌市", "神农架林区"),
    ("襄阳市", "荆门市"),
    ("襄阳市", "随州市"),
    ("襄阳市", "神农架林区"),
    ("荆门市", "随州市"),
    ("荆门市", "孝感市"),
    ("荆门市", "天门市"),
    ("荆门市", "潜江市"),
    ("荆门市", "荆州市"),
    ("孝感市", "随州市"),
    ("孝感市", "天门市"),
    ("孝感市", "仙桃市"),
    ("孝感市", "黄冈市"),
    ("荆州市", "潜江市"),
    ("荆州市", "仙桃市"),
    ("荆州市", "咸宁市"),
    ("仙桃市", "天门市"),
    ("仙桃市", "潜江市"),
    ("潜江市", "天门市"),
]
TOPICS = {
    "理科": [
        "数学",
        "物理",
        "化学",
        "天文",
        "气象",
        "地理",
        "地质",
        "海洋湖沼",
        "植物",
        "动物",
        "生物化学与分子生物",
        "心理",
        "统计",
        "力学",
        "遥感",
        "地球物理",
        "微生物",
        "生态",
        "古生物",
        "晶体",
        "青少年科技教育",
        "实验动物",
        "细胞生物",
        "遗传",
        "光谱分析",
        "分析测试",
        "核物理",
        "计算数学",
        "科学仪器",
        "地震",
        "岩矿测试",
        "湖泊",
    ],
    "工科": [
        "机械工程",
        "电机工程",
        "土木建筑",
        "水利",
        "计算机",
        "自动化",
        "电子",
        "通信",
        "汽车工程",
        "光学",
        "材料研究",
        "焊接",
        "铸造",
        "测绘",
        "航空航天",
        "公路",
        "铁道",
        "造船工程",
        "纺织工程",
        "化工",
        "硅酸盐",
        "金属",
        "岩石力学与工程",
        "环境科学",
        "城市规划",
        "工程图学",
        "仪器仪表",
        "振动工程",
        "核能",
        "照明",
        "制冷",
        "电源",
        "图像图形",
        "粮油食品",
        "印刷",
        "风景园林",
        "隧道与地下工程",
        "水运",
        "爆破",
        "防腐蚀",
        "消防",
        "建筑节能",
        "土工",
        "机器人",
        "给排水",
        "钢结构",
        "电力",
    ],
    "农科": [
        "农学",
        "园艺",
        "植物保护",
        "土壤肥料",
        "畜牧兽医",
        "水产",
        "林学",
        "蚕学",
        "茶叶",
        "农业机械",
        "作物",
        "农业工程",
        "草业",
        "食用菌",
        "种子",
        "农业经济",
        "水土保持",
        "渔业",
        "热带作物",
        "农药",
    ],
    "医科": [
        "医学",
        "中医药",
        "药学",
        "护理",
        "预防医学",
        "营养",
        "抗癌",
        "康复医学",
        "针灸",
        "中西医结合",
        "医院管理",
        "生物医学工程",
        "心理卫生",
        "口腔医学",
        "麻醉",
        "免疫",
        "病理生理",
        "解剖",
        "老年医学",
        "急救医学",
        "性病艾滋病防治",
        "医学影像",
        "全科医学",
        "血液病",
        "卫生信息",
    ],
    "交叉学科": [
        "科普作家",
        "科技情报",
        "科学技术史",
        "自然辩证法",
        "创造学",
        "标准化",
        "质量管理",
        "系统工程",
        "科技期刊编辑",
        "生物工程",
        "能源经济",
        "人工智能",
        "大数据",
        "科技咨询",
        "知识产权",
        "软科学",
        "技术经济",
        "未来",
        "决策科学",
        "遥感与地理信息",
        "科技传播",
    ],
}
SUFFIX = {
    "科普作家": "协会",
    "农业机械": "协会",
    "渔业": "协会",
    "自然辩证法": "研究会",
    "能源经济": "研究会",
    "软科学": "研究会",
    "技术经济": "研究会",
    "未来": "研究会",
    "照明": "协会",
    "电源": "协会",
    "茶叶": "协会",
    "科技咨询": "协会",
    "食用菌": "协会",
    "消防": "协会",
    "卫生信息": "协会",
}
WEIGHTS = {"理科": 22, "工科": 34, "农科": 14, "医科": 18, "交叉学科": 12}
HOSTS_WUHAN = {
    "理科": [
        "武汉大学",
        "华中师范大学",
        "中国地质大学（武汉）",
        "湖北大学",
        "中国科学院武汉物理与数学研究所",
        "中国科学院测量与地球物理研究所",
        "中国科学院水生生物研究所",
        "中国科学院武汉植物园",
    ],
    "工科": [
        "华中科技大学",
        "武汉理工大学",
        "武汉科技大学",
        "湖北工业大学",
        "武汉工程大学",
        "长江科学院",
        "中国科学院武汉岩土力学研究所",
        "武汉纺织大学",
    ],
    "农科": ["华中农业大学", "湖北省农业科学院", "华中农业大学", "湖北省农业科学院", "长江大学"],
    "医科": ["华中科技大学同济医学院", "武汉大学医学部", "湖北中医药大学", "湖北省疾病预防控制中心", "湖北省人民医院"],
    "交叉学科": ["湖北省科学技术信息研究院", "武汉大学", "华中科技大学", "湖北省科学技术协会学会服务中心"],
}
HOSTS_REGION = {
    "宜昌市": ["三峡大学", "宜昌市农业科学研究院"],
    "襄阳市": ["湖北文理学院", "襄阳市农业科学院"],
    "荆州市": ["长江大学", "荆州市农业科学院"],
    "十堰市": ["湖北汽车工业学院", "湖北医药学院"],
    "黄石市": ["湖北理工学院", "湖北师范大学"],
    "孝感市": ["湖北工程学院"],
    "黄冈市": ["黄冈师范学院"],
    "咸宁市": ["湖北科技学院"],
    "荆门市": ["荆楚理工学院"],
    "恩施州": ["湖北民族大学", "恩施州农业科学院"],
    "鄂州市": ["鄂州职业大学"],
    "随州市": ["随州职业技术学院"],
    "仙桃市": ["仙桃职业学院"],
    "潜江市": ["潜江市农业科学研究所"],
    "天门市": ["天门职业学院"],
    "神农架林区": ["神农架国家公园科学研究院"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌辉鹏飞宇浩晨阳丹凤梅琳雪松海波峰亮"


def build_sample(seed: int = SEED) -> Roster:
    """The sample roster as a value (deterministic for a seed)."""
    rng = random.Random(seed)
    societies = _societies(rng)
    societies = _counts(rng, societies)
    societies = _organizations(rng, societies)
    members = _members(rng, societies)
    adjacency = tuple(sorted((min(a, b), max(a, b)) for a, b in ADJACENCY))
    return Roster(tuple(societies), members, adjacency, (), "sample_roster.xlsx", True)


def _societies(rng: random.Random) -> list[dict]:
    unused = {k: list(v) for k, v in TOPICS.items()}
    for topics in unused.values():
        rng.shuffle(topics)
    out = []
    for region, n in REGIONS.items():
        for _ in range(n):
            industries = [k for k in WEIGHTS if unused[k]]
            industry = rng.choices(industries, [WEIGHTS[k] for k in industries])[0]
            topic = unused[industry].pop()
            hosts = HOSTS_WUHAN[industry] if region == "武汉市" else HOSTS_REGION[region]
            host = rng.choice(hosts) if rng.random() > 0.1 else None
            out.append(
                {
                    "name": f"湖北省{topic}{SUFFIX.get(topic, '学会')}",
                    "industry": industry,
                    "region": region,
                    "host_unit": host,
                    "supervisor": "湖北省科学技术协会" if rng.random() > 0.05 else None,
                }
            )
    return out


def _counts(rng: random.Random, societies: list[dict]) -> list[dict]:
    """Skewed counts: ~12 with none, ~35 with 1–2, most 3–40, a few 50+ and 100+ (in Wuhan)."""
    n = len(societies)
    big = [128, 104, 76, 63, 55]
    small = [0] * 12 + [1] * 17 + [2] * 18
    rest = [min(3 + int(rng.expovariate(1 / 9)), 45) for _ in range(n - len(big) - len(small))]
    wuhan = [i for i, s in enumerate(societies) if s["region"] == "武汉市"]
    big_at = rng.sample(wuhan, len(big))
    pool = small + rest
    rng.shuffle(pool)
    it = iter(pool)
    for i, s in enumerate(societies):
        total = big[big_at.index(i)] if i in big_at else next(it)
        probationary = rng.choice([1, 1, 2]) if total >= 2 and rng.random() < 0.12 else 0
        s["formal"] = total if total < 3 else total - probationary
        s["probationary"] = 0 if total < 3 else probationary
        s["secretariat"] = min(s["formal"], rng.randint(0, 4)) if rng.random() < 0.6 else None
    return societies


def _term(rng: random.Random, soon: bool, overdue: bool = False) -> tuple[date, date]:
    """(founded, term ends): ends within 6 months when ``soon``, already past when ``overdue``."""
    days = rng.randint(-150, -20) if overdue else rng.randint(10, 175) if soon else rng.randint(200, 1000)
    ends = TODAY + timedelta(days=days)
    return ends.replace(year=ends.year - 3, day=min(ends.day, 28)), ends


def _society(s: dict, note: str) -> Society:
    """The Society of a generated row ``s``, with ``note`` in the 备注 column."""
    return Society(
        name=s["name"],
        industry=s["industry"],
        region=s["region"],
        host_unit=s["host_unit"],
        formal_members=s["formal"],
        probationary_members=s["probationary"],
        secretariat_members=s["secretariat"],
        supervisor=s["supervisor"],
        existing_org=s.get("org"),
        existing_kind=s.get("kind"),
        org_founded=s.get("dates", (None, None))[0],
        term_ends=s.get("dates", (None, None))[1],
        extra=(("备注", note),),
    )


def _organizations(rng: random.Random, societies: list[dict]) -> list[Society]:
    own = [s for s in societies if s["formal"] >= 3]
    candidates = [s for s in societies if 1 <= s["formal"] <= 2]
    rng.shuffle(own)
    for k, s in enumerate(own[: round(len(own) * 2 / 3)]):
        kind = kind_for_total(s["formal"] + s["probationary"])
        if k == 0 and kind != "党支部":
            kind = "党支部"  # a kind that no longer fits the society's size
        s["org"], s["kind"] = f"{s['name']}{'党委' if kind == '党委' else kind}", kind
        s["dates"] = _term(rng, soon=k % 8 == 1, overdue=k % 16 == 3)
    for s in candidates:  # small societies cluster on each field's main host unit
        if s["region"] == "武汉市" and s["host_unit"] and rng.random() < 0.5:
            s["host_unit"] = HOSTS_WUHAN[s["industry"]][0]
    by_host: dict[str, list[dict]] = {}
    for s in candidates:
        by_host.setdefault(s["host_unit"] or "", []).append(s)
    used: set[str] = set()

    def joint(name: str, units: list[dict], soon: bool) -> None:
        founded, ends = _term(rng, soon)
        for s in units:
            s["org"], s["kind"], s["dates"] = name, "联合党支部", (founded, ends)
            used.add(s["name"])

    hosted = max((units for host, units in by_host.items() if host), key=len)
    joint(f"{hosted[0]['host_unit']}挂靠学会联合党支部", hosted[:3], soon=True)
    for industry, count, soon in (("医科", 4, False), ("农科", 2, True)):
        units = [s for s in candidates if s["industry"] == industry and s["name"] not in used][:count]
        if len(units) >= 2:
            joint(f"湖北省{industry}类学会联合党支部", units, soon)
    rest = [s for s in candidates if s["region"] == "武汉市" and s["name"] not in used]
    joint("湖北省科协机关学会联合党支部", rest[:6], soon=False)  # 6 units: breaks the rule of 5
    lone = next(s for s in candidates if s["name"] not in used and s["formal"] == 2)
    lone["org"], lone["kind"], lone["dates"] = f"{lone['name']}党支部", "党支部", _term(rng, soon=False)
    for s in [s for s in societies if s["formal"] == 0][:2]:
        s["org"], s["kind"], s["dates"] = f"{s['name']}党建工作小组", "党建工作小组", _term(rng, soon=False)
    return [_society(s, "2025年度党建工作先进" if rng.random() < 0.04 else "") for s in societies]


def _members(rng: random.Random, societies: list[Society]) -> tuple[Member, ...]:
    """A row per member for societies of 1–20 members; a few 预备, three under 留党察看."""
    names: set[str] = set()
    members: list[Member] = []
    for s in societies:
        total = s.formal_members + s.probationary_members
        if not 1 <= total <= 20:
            continue
        for k in range(total):
            name = _person(rng, names)
            status = "预备" if k >= s.formal_members else "正式"
            if k == 0:
                role = "理事长" if rng.random() < 0.6 else ("副理事长" if rng.random() < 0.6 else "常务理事")
            else:
                role = rng.choices(["副理事长", "秘书长", "常务理事", "理事"], [3, 1, 4, 8])[0]
            members.append(
                Member(
                    name=name,
                    society=s.name,
                    gender=rng.choice("男男女"),
                    society_role=role,
                    status=status,
                    phone=f"10{rng.randint(0, 999_999_999):09d}",
                    home_org=s.host_unit or "湖北省科学技术协会",
                )
            )
    formal = [i for i, m in enumerate(members) if m.is_formal]
    for i in rng.sample(formal, 3):
        m = members[i]
        members[i] = Member(m.name, m.society, m.gender, m.society_role, m.status, "留党察看", m.phone, m.home_org)
    return tuple(members)


def _person(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name not in taken:
            taken.add(name)
            return name


# -- city mode (bench/bench_browser.py): many societies, most small ---------------------------------------
CITY_DISTRICTS = [
    "江岸区",
    "江汉区",
    "硚口区",
    "汉阳区",
    "武昌区",
    "青山区",
    "洪山区",
    "东西湖区",
    "汉南区",
    "蔡甸区",
    "江夏区",
    "黄陂区",
    "新洲区",
]
CITY_ADJACENCY = [
    ("江岸区", "江汉区"),
    ("江岸区", "黄陂区"),
    ("江岸区", "新洲区"),
    ("江汉区", "硚口区"),
    ("硚口区", "东西湖区"),
    ("硚口区", "汉阳区"),
    ("汉阳区", "蔡甸区"),
    ("汉阳区", "武昌区"),
    ("武昌区", "洪山区"),
    ("武昌区", "青山区"),
    ("青山区", "洪山区"),
    ("洪山区", "江夏区"),
    ("蔡甸区", "汉南区"),
    ("蔡甸区", "东西湖区"),
    ("东西湖区", "黄陂区"),
    ("黄陂区", "新洲区"),
    ("江夏区", "汉南区"),
]
CITY_KINDS = ("学会", "协会", "研究会", "促进会")


def build_city(n: int, seed: int = SEED) -> Roster:
    """A city roster of ``n`` societies (deterministic for a seed): see the module docstring."""
    rng = random.Random(seed)
    topics = [(industry, topic) for industry, names in TOPICS.items() for topic in names]
    hosts = [h for names in HOSTS_WUHAN.values() for h in names] + [f"武汉市第{k}中学" for k in range(1, n // 40 + 2)]
    societies = []
    for i in range(n):
        district = CITY_DISTRICTS[i % len(CITY_DISTRICTS)]  # every district from the first societies on
        industry, topic = topics[(i // len(CITY_DISTRICTS)) % len(topics)]
        serial = i // (len(topics) * len(CITY_DISTRICTS))
        kind = CITY_KINDS[serial % len(CITY_KINDS)]
        serial_text = f"第{serial // len(CITY_KINDS) + 1}" if serial >= len(CITY_KINDS) else ""
        small = rng.random() < 0.5
        total = rng.choice((0, 0, 1, 1, 1, 2, 2)) if small else min(3 + int(rng.expovariate(1 / 8)), 120)
        probationary = rng.choice([1, 1, 2]) if total >= 3 and rng.random() < 0.12 else 0
        societies.append(
            {
                "name": f"武汉市{district}{topic}{serial_text}{kind}",
                "industry": industry,
                "region": district,
                "host_unit": rng.choice(hosts) if rng.random() > 0.1 else None,
                "supervisor": f"武汉市{district}科学技术协会",
                "formal": total - probationary,
                "probationary": probationary,
                "secretariat": min(total, rng.randint(0, 3)) if rng.random() < 0.6 else None,
            }
        )
    for k, s in enumerate(s for s in societies if s["formal"] + s["probationary"] >= 3 and rng.random() < 2 / 3):
        kind = kind_for_total(s["formal"] + s["probationary"])
        s["org"], s["kind"] = f"{s['name']}{'党委' if kind == '党委' else kind}", kind
        s["dates"] = _term(rng, soon=k % 8 == 1, overdue=k % 16 == 3)
    by_host: dict[str, list[dict]] = {}
    for s in societies:
        if 1 <= s["formal"] <= 2 and s["host_unit"]:
            by_host.setdefault(s["host_unit"], []).append(s)
    for host, units in sorted(by_host.items()):
        for j in range(0, len(units) - 1, 5):
            group = units[j : j + rng.randint(2, 5)]
            if sum(s["formal"] for s in group) >= 3 and rng.random() < 0.4:
                dates = _term(rng, soon=rng.random() < 0.15)
                for s in group:
                    s["org"], s["kind"], s["dates"] = f"{host}挂靠学会第{j // 5 + 1}联合党支部", "联合党支部", dates
    built = [_society(s, "") for s in societies]
    adjacency = tuple(sorted((min(a, b), max(a, b)) for a, b in CITY_ADJACENCY))
    return Roster(tuple(built), _city_members(rng, built), adjacency, (), f"city_{n}.xlsx", True)


def _city_members(rng: random.Random, societies: list[Society]) -> tuple[Member, ...]:
    """Every member of every society listed; names unique within a society (a city has namesakes)."""
    members: list[Member] = []
    for s in societies:
        taken: set[str] = set()
        for k in range(s.formal_members + s.probationary_members):
            members.append(
                Member(
                    name=_person(rng, taken),
                    society=s.name,
                    gender=rng.choice("男男女"),
                    society_role="理事长"
                    if k == 0
                    else rng.choices(["副理事长", "秘书长", "常务理事", "理事"], [3, 1, 4, 8])[0],
                    status="预备" if k >= s.formal_members else "正式",
                    phone=f"10{rng.randint(0, 999_999_999):09d}",
                    home_org=s.host_unit or s.supervisor,
                )
            )
    return tuple(members)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="生成示例名册（湖北省）")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--out", default=None, help="默认 sample_data/sample_roster.xlsx（城市模式 city_N.xlsx）")
    p.add_argument("--societies", type=int, default=None, help="城市模式：生成 N 个学会的市级名册（性能测试用）")
    args = p.parse_args(argv)
    roster = build_sample(args.seed) if args.societies is None else build_city(args.societies, args.seed)
    out = args.out or (OUT if args.societies is None else OUT.with_name(f"city_{args.societies}.xlsx"))
    Path(out).write_bytes(write_roster_xlsx(roster))
    print(f"{out}：{len(roster.societies)}个学会，{len(roster.members)}名党员")
    return 0


if __name__ == "__main__":
    sys.exit(main())
