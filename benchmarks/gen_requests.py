#!/usr/bin/env python3
"""Generate realistic taxa requests as JSON Lines (stdlib only, deterministic).

    python3 benchmarks/gen_requests.py --count 10000 --seed 20240201 --out FILE
    python3 benchmarks/gen_requests.py --kind mix --count 10000 --manifest FILE.json --out FILE

The same --kind, --count and --seed always give byte-identical output (for the same
GENERATOR_VERSION), so benchmark inputs can be cached and compared across runs. `--kind laff`
(the default) writes exactly what this generator wrote before the other kinds existed.

Kinds (`--kind`), each request compact JSON on one line like Fixtures/sample-requests.jsonl:

  laff     the hourly tariff "oxelosund/laff" (see below);
  po       the percentage tariff "oxelosund/po": a day in 2024 and a salary cost, 3 % with
           an `as_of` (so both decisions of 2024 are priced);
  bep      the per-capita tariff "oxelosund/bep": 1-4 consecutive months of 2023 (mostly a
           quarter or a single month), every group's actual count near its budgeted count;
  fees     the six reference tariffs of Fixtures/reference-tariffs in equal shares (food
           control hours, alcohol supervision x2, home care with its monthly cap, preschool
           maxtaxa, water with VAT), 1-8 items with realistic inputs, dates in force;
  invalid  requests that must be answered with an error record: broken JSON, a wrong or
           missing key, an unknown tariff, fee or activity, a value out of range, a date
           without a version in force, an index value not recorded;
  mix      all of the above in one stream: laff 40 %, fees 40 %, po 10 %, bep 7 %,
           invalid 3 % (`MIX_WEIGHTS`).

`--manifest FILE` writes {"count", "kinds": {kind: requests}, "invalid": requests that must be
answered "ok":false}; the harness checks taxa's error records against it.

What a LÅFF request looks like (mix chosen to resemble a municipal case log):
  * tariff "oxelosund/laff";
  * 1-8 entries, most requests short (weights below);
  * all three activities: tillsyn (hourly, most common), avfallshanteringsplan
    (hourly) and overklagande (free of charge);
  * entry dates between 2024-02-01 and 2026-12-31, one case spanning a few
    weeks, in ascending order;
  * minutes mostly 10-480, a few 0 and a few long jobs (up to 6 000);
  * ten officers (5 % of entries without one), some entries with a note
    (Swedish text, UTF-8);
  * 10 % of requests with a reduction (percent as decimal string, <= 4
    decimals), about 1 % with a waiver, the rest without adjustment;
  * about 25 % with a "meta" member (object, string or array);
  * ids mostly case-number style ("oxl-2025-0001234"), some UUID style.
"""

import argparse
import datetime
import json
import os
import random
import sys

GENERATOR_VERSION = 3

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

TARIFF = "oxelosund/laff"
FIRST_DATE = datetime.date(2024, 2, 1)
LAST_DATE = datetime.date(2026, 12, 31)
DAY_SPAN = (LAST_DATE - FIRST_DATE).days

ENTRY_COUNT_WEIGHTS = [30, 22, 15, 11, 8, 6, 4, 4]  # for 1..8 entries
ACTIVITIES = ["tillsyn", "avfallshanteringsplan", "overklagande"]
ACTIVITY_WEIGHTS = [60, 30, 10]
# typical (low, high) minutes per activity
MINUTE_RANGES = {
    "tillsyn": (15, 240),
    "avfallshanteringsplan": (30, 480),
    "overklagande": (10, 300),
}
OFFICERS = ["Anna", "Bo", "Cecilia", "David", "Elin", "Fredrik", "Göran", "Hanna", "Jurist", "Åsa"]
OFFICER_WEIGHTS = [12, 10, 14, 12, 10, 9, 9, 8, 8, 8]
NOTES = [
    "Uppföljande tillsyn efter klagomål",
    "Platsbesök, kompostering i trädgård",
    "Granskning av avfallshanteringsplan – komplettering begärd",
    "Telefonsamtal med verksamhetsutövaren",
    "Yttrande över överklagande till länsstyrelsen",
    "Restid ingår ej",
    "Kontroll av åtgärd enligt föreläggande",
    "Möte på plats med \"Fastighetsägaren\" och entreprenör",
    "Återbesök, brister åtgärdade",
    "Handläggning av anmälan om ändrad hämtning",
]
REDUCTION_PERCENTS = ["50", "25", "10", "20", "75", "100", "33.3333",
                      "66.6667", "12.5", "5.25", "15", "0.5"]
REDUCTION_REASONS = [
    "Ringa tillsynsbehov",
    "Nedsättning enligt taxans 9 §",
    "Handläggningen drog ut på tiden",
    "Delvis felaktigt debiterad tid",
]
WAIVER_REASONS = [
    "Avgift efterges enligt beslut",
    "Ärendet avskrevs",
]
META_TAGS = ["kund", "förnyelse", "extra", "klagomål", "enskilt avlopp"]


def make_id(rng, index, year):
    if rng.random() < 0.2:
        h = "%032x" % rng.getrandbits(128)
        return "%s-%s-4%s-%s-%s" % (h[0:8], h[8:12], h[13:16], h[16:20], h[20:32])
    return "oxl-%d-%07d" % (year, index + 1)


def make_entries(rng):
    count = rng.choices(range(1, 9), weights=ENTRY_COUNT_WEIGHTS)[0]
    day = FIRST_DATE + datetime.timedelta(days=rng.randrange(DAY_SPAN + 1))
    main_activity = rng.choices(ACTIVITIES, weights=ACTIVITY_WEIGHTS)[0]
    main_officer = rng.choices(OFFICERS, weights=OFFICER_WEIGHTS)[0]
    entries = []
    for _ in range(count):
        activity = main_activity if rng.random() < 0.7 else \
            rng.choices(ACTIVITIES, weights=ACTIVITY_WEIGHTS)[0]
        officer = main_officer if rng.random() < 0.75 else \
            rng.choices(OFFICERS, weights=OFFICER_WEIGHTS)[0]
        r = rng.random()
        if r < 0.005:
            minutes = 0
        elif r < 0.02:
            minutes = rng.randrange(600, 6001)
        else:
            lo, hi = MINUTE_RANGES[activity]
            minutes = rng.randrange(lo, hi + 1)
        entry = {"date": day.isoformat(), "activity": activity, "minutes": minutes}
        if rng.random() < 0.95:
            entry["officer"] = officer
        if rng.random() < 0.15:
            entry["note"] = rng.choice(NOTES)
        entries.append(entry)
        step = rng.choice([0, 0, 1, 1, 2, 3, 5, 7, 14, 21])
        day = min(LAST_DATE, day + datetime.timedelta(days=step))
    return entries


def make_adjustment(rng, last_date):
    r = rng.random()
    if r >= 0.11:
        return None
    decision = min(LAST_DATE, last_date + datetime.timedelta(days=rng.randrange(0, 30)))
    reference = "MSN %s § %d" % (decision.isoformat(), rng.randrange(1, 140))
    if r < 0.01:
        adj = {"kind": "waiver", "reference": reference}
        if rng.random() < 0.6:
            adj["reason"] = rng.choice(WAIVER_REASONS)
        return adj
    adj = {"kind": "reduction", "percent": rng.choice(REDUCTION_PERCENTS),
           "reference": reference}
    if rng.random() < 0.5:
        adj["reason"] = rng.choice(REDUCTION_REASONS)
    return adj


def make_meta(rng, index):
    r = rng.random()
    if r >= 0.25:
        return None
    if r < 0.10:
        return {"invoice": "F-%d-%06d" % (2024 + index % 3, index + 1)}
    if r < 0.15:
        return {"invoice": 100000 + index}
    if r < 0.20:
        return {"invoice": 100000 + index, "case": "MHN-%d-%05d" % (2024 + index % 3, index % 100000),
                "tags": rng.sample(META_TAGS, rng.randrange(1, 4)), "priority": rng.random() < 0.1}
    if r < 0.23:
        return "batch-%d" % (index // 1000)
    return [index, {"source": "e-tjänst", "version": 2}]


def make_request(rng, index):
    entries = make_entries(rng)
    year = int(entries[0]["date"][:4])
    req = {"id": make_id(rng, index, year), "tariff": TARIFF, "entries": entries}
    adj = make_adjustment(rng, datetime.date.fromisoformat(entries[-1]["date"]))
    if adj is not None:
        req["adjustment"] = adj
    meta = make_meta(rng, index)
    if meta is not None:
        req["meta"] = meta
    return req



# --------------------------------------------------------------------------
# the other kinds

KINDS = ["laff", "po", "bep", "fees", "invalid", "mix"]
MIX_WEIGHTS = [("laff", 40), ("fees", 40), ("po", 10), ("bep", 7), ("invalid", 3)]


def day_between(rng, first, last):
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def make_short_meta(rng, index):
    r = rng.random()
    if r >= 0.25:
        return None
    if r < 0.15:
        return {"invoice": "F-%d-%06d" % (2024 + index % 3, index + 1)}
    if r < 0.20:
        return {"invoice": 100000 + index, "tags": rng.sample(META_TAGS, rng.randrange(1, 3))}
    return "batch-%d" % (index // 1000)


def envelope(rng, index, tariff, prefix, year):
    req = {"id": make_id(rng, index, year).replace("oxl-", prefix + "-", 1), "tariff": tariff}
    return req


def finish(rng, req, index):
    meta = make_short_meta(rng, index)
    if meta is not None:
        req["meta"] = meta
    return req


# PO: a day of 2024 (both decisions are for 2024; none is in force another year) and a
# salary cost of a month's payroll, from a part-time post to a whole department.
PO_FIRST = datetime.date(2024, 1, 1)
PO_LAST = datetime.date(2024, 12, 31)


def make_po(rng, index):
    day = day_between(rng, PO_FIRST, PO_LAST)
    req = envelope(rng, index, "oxelosund/po", "po", 2024)
    if rng.random() < 0.03:
        # decided on or after the first decision, before or after the revision of 2024-02-07
        req["as_of"] = day_between(rng, datetime.date(2024, 1, 15), datetime.date(2024, 3, 31)).isoformat()
    req["date"] = day.isoformat()
    r = rng.random()
    if r < 0.6:
        ore = rng.randrange(1_500_000, 9_000_000)          # one salary: 15 000-90 000 kr
    elif r < 0.95:
        ore = rng.randrange(9_000_000, 500_000_000)        # a unit's payroll
    else:
        ore = rng.randrange(500_000_000, 8_000_000_000)    # a department's
    if rng.random() < 0.2:
        ore -= ore % 100                                     # whole kronor, written with .00
    req["salary_cost"] = "%d.%02d" % (ore // 100, ore % 100)
    return finish(rng, req, index)


def load_bep_groups():
    """Group names and budgeted counts, read from the shipped tariff so the generator keeps
    up with it (the request must name exactly the version's groups)."""
    path = os.path.join(REPO, "Tariffs", "oxelosund", "bep", "2023-01-01.json")
    with open(path, encoding="utf-8") as f:
        groups = json.load(f)["per_capita"]["groups"]
    return [(name, g["budgeted_count"]) for name, g in groups.items()]


BEP_GROUPS = None
BEP_MONTH_COUNTS = [1, 2, 3, 4]
BEP_MONTH_WEIGHTS = [40, 10, 10, 40]


def make_bep(rng, index):
    global BEP_GROUPS
    if BEP_GROUPS is None:
        BEP_GROUPS = load_bep_groups()
    count = rng.choices(BEP_MONTH_COUNTS, weights=BEP_MONTH_WEIGHTS)[0]
    first = rng.randrange(1, 13 - count + 1)
    req = envelope(rng, index, "oxelosund/bep", "bep", 2023)
    months = {}
    for m in range(first, first + count):
        cells = {}
        for name, budgeted in BEP_GROUPS:
            spread = max(2, budgeted // 4)
            cells[name] = max(0, budgeted + rng.randrange(-spread, spread + 1))
        months["2023-%02d" % m] = cells
    req["months"] = months
    if rng.random() < 0.5:
        req["meta"] = {"avrakning": first // 3 + 1, "dnr": "KS.2023.%d" % rng.randrange(1, 200)}
    return req


# fees: the six reference tariffs, each with the fees and inputs its examples use.

def money_text(rng, low_ore, high_ore, whole=0.3):
    ore = rng.randrange(low_ore, high_ore + 1)
    if rng.random() < whole:
        return str(ore // 100)
    return "%d.%02d" % (ore // 100, ore % 100)


def items_on_days(rng, first, last, count, make):
    day = day_between(rng, first, last)
    items = []
    for _ in range(count):
        items.append(make(day))
        day = min(last, day + datetime.timedelta(days=rng.choice([0, 0, 1, 2, 7])))
    return items


def fees_livsmedelsverket(rng):
    count = rng.choices(range(1, 9), weights=ENTRY_COUNT_WEIGHTS)[0]
    fee = "planerad" if rng.random() < 0.7 else "oplanerad"

    def item(day):
        f = fee if rng.random() < 0.85 else ("oplanerad" if fee == "planerad" else "planerad")
        return {"fee": f, "date": day.isoformat(), "inputs": {"minutes": rng.randrange(5, 481)}}
    return items_on_days(rng, datetime.date(2023, 1, 1), datetime.date(2026, 12, 31), count, item)


def fees_mark(rng):
    day = day_between(rng, datetime.date(2022, 1, 1), datetime.date(2026, 12, 31)).isoformat()
    items = []
    for _ in range(rng.choices([1, 2, 3], weights=[50, 35, 15])[0]):
        if rng.random() < 0.4:
            items.append({"fee": "tillsyn_fast", "date": day})
        else:
            items.append({"fee": "tillsyn_rorlig", "date": day,
                          "inputs": {"omsattning": money_text(rng, 0, 600_000_000)}})
    return items


def fees_habo(rng):
    day = day_between(rng, datetime.date(2017, 1, 1), datetime.date(2026, 12, 31)).isoformat()
    items = []
    if rng.random() < 0.6:
        items.append({"fee": "grundavgift", "date": day})
    for _ in range(rng.choices([0, 1, 2], weights=[10, 75, 15])[0] or (0 if items else 1)):
        items.append({"fee": "tillsynsavgift", "date": day,
                      "inputs": {"omsattning": money_text(rng, 0, 100_000_000)}})
    return items


def fees_sollentuna(rng):
    month_start = day_between(rng, datetime.date(2024, 1, 1), datetime.date(2026, 11, 30)).replace(day=1)
    months = [month_start]
    if rng.random() < 0.3:
        months.append((month_start + datetime.timedelta(days=32)).replace(day=1))
    items = []
    for start in months:
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        for _ in range(rng.randrange(1, 5)):
            items.append({"fee": "hemtjanst", "date": day_between(rng, start, end).isoformat(),
                          "inputs": {"minutes": rng.randrange(15, 901)}})
        if rng.random() < 0.6:
            items.append({"fee": "trygghetslarm", "date": start.isoformat()})
        if rng.random() < 0.2:
            items.append({"fee": "dagverksamhet", "date": day_between(rng, start, end).isoformat(),
                          "inputs": {"days": rng.randrange(1, 13)}})
        if rng.random() < 0.1:
            items.append({"fee": "korttidsboende", "date": day_between(rng, start, end).isoformat(),
                          "inputs": {"dygn": rng.randrange(1, 15)}})
    return items


def fees_vasteras(rng):
    day = day_between(rng, datetime.date(2019, 1, 1), datetime.date(2026, 12, 31)).replace(day=1).isoformat()
    income = money_text(rng, 1_000_000, 8_000_000, whole=0.7)
    items = []
    for child in range(1, rng.choices([1, 2, 3, 4], weights=[45, 35, 15, 5])[0] + 1):
        fee = "forskola" if rng.random() < 0.6 else "fritidshem"
        items.append({"fee": fee, "date": day, "inputs": {"barn": child, "inkomst": income}})
    return items


def fees_eksjo(rng):
    day = day_between(rng, datetime.date(2016, 1, 1), datetime.date(2026, 12, 31)).isoformat()
    services = rng.choices(["vatten_och_avlopp", "vatten", "avlopp", None], weights=[10, 5, 5, 80])[0]

    def inputs(extra):
        if services is not None:
            extra["tjanster"] = services
        return extra
    items = []
    if rng.random() < 0.8:
        item = {"fee": "matstalle", "date": day}
        if services is not None:
            item["inputs"] = {"tjanster": services}
        items.append(item)
    if rng.random() < 0.3:
        items.append({"fee": "lagenhet", "date": day, "inputs": inputs({"lagenheter": rng.randrange(1, 41)})})
    if rng.random() < 0.1:
        items.append({"fee": "lokal_matare", "date": day, "inputs": inputs({"qn": rng.choice(["2.5", "6", "10"])})})
    items.append({"fee": "forbrukning", "date": day, "inputs": inputs({"m3": money_text(rng, 100, 2_000_000, whole=0.6)})})
    return items


FEES_TARIFFS = [
    ("livsmedelsverket/kontroll", "lv", fees_livsmedelsverket),
    ("mark/alkohol", "mark", fees_mark),
    ("habo/alkohol", "habo", fees_habo),
    ("sollentuna/aldreomsorg", "sol", fees_sollentuna),
    ("vasteras/maxtaxa", "vas", fees_vasteras),
    ("eksjo/va", "eksjo", fees_eksjo),
]


def make_fees(rng, index):
    tariff, prefix, make = rng.choice(FEES_TARIFFS)
    items = make(rng)
    req = envelope(rng, index, tariff, prefix, int(items[0]["date"][:4]))
    req["items"] = items
    return finish(rng, req, index)


# invalid: each answered with an error record (the kind's error code in brackets)
def make_invalid(rng, index):
    r = rng.randrange(12)
    if r == 0:    # invalid_json: a line cut short
        text = json.dumps(make_request(rng, index), ensure_ascii=False, separators=(",", ":"))
        return text[:rng.randrange(5, len(text) - 1)]
    if r == 1:    # invalid_request: minutes as a string
        req = make_request(rng, index)
        req["entries"][0]["minutes"] = str(req["entries"][0]["minutes"])
        return req
    if r == 2:    # unknown_activity
        req = make_request(rng, index)
        req["entries"][-1]["activity"] = rng.choice(["tilsyn", "bygglov", "Tillsyn"])
        return req
    if r == 3:    # no_tariff_in_force: before the first LÅFF version
        req = make_request(rng, index)
        req["entries"][0]["date"] = "2023-%02d-15" % rng.randrange(1, 13)
        return req
    if r == 4:    # index_missing: no PKV recorded for 2027
        req = make_request(rng, index)
        req["entries"][0]["date"] = "2027-0%d-10" % rng.randrange(1, 10)
        req["entries"][0]["activity"] = "tillsyn"   # a free activity needs no rate
        return req
    if r == 5:    # unknown_tariff
        req = make_fees(rng, index)
        req["tariff"] = rng.choice(["mark/bygglov", "oxelosund/laf", "eksjo/avfall"])
        return req
    if r == 6:    # unknown_fee
        req = make_fees(rng, index)
        req["items"][0]["fee"] = rng.choice(["tillsyn", "okand", "hemtjänst"])
        return req
    if r == 7:    # invalid_request: an input out of range or of the wrong type
        req = make_fees(rng, index)
        req["tariff"] = "vasteras/maxtaxa"
        req["items"] = [{"fee": "forskola", "date": "2019-05-01", "inputs": {"barn": rng.choice([0, 21, "1"]), "inkomst": "30000"}}]
        return req
    if r == 8:    # invalid_request: a salary cost with three decimals
        req = make_po(rng, index)
        req["salary_cost"] = req["salary_cost"].split(".")[0] + ".125"
        return req
    if r == 9:    # no_tariff_in_force: PO in 2025
        req = make_po(rng, index)
        req.pop("as_of", None)
        req["date"] = "2025-%02d-28" % rng.randrange(1, 13)
        return req
    if r == 10:   # invalid_request: a BEP month without one of its groups
        req = make_bep(rng, index)
        month = next(iter(req["months"].values()))
        month.pop(next(iter(month)))
        return req
    req = {"id": "missing-tariff-%d" % index, "entries": []}   # invalid_request: no tariff
    return req


MAKERS = {"laff": make_request, "po": make_po, "bep": make_bep, "fees": make_fees, "invalid": make_invalid}


def generate(count, seed, out, kind="laff"):
    """Writes `count` requests; returns the number of each kind written."""
    rng = random.Random(seed)
    # compact, like Fixtures/sample-requests.jsonl
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    kinds = {}
    names = [k for k, _ in MIX_WEIGHTS]
    weights = [w for _, w in MIX_WEIGHTS]
    buf = []
    for i in range(count):
        k = rng.choices(names, weights=weights)[0] if kind == "mix" else kind
        kinds[k] = kinds.get(k, 0) + 1
        req = MAKERS[k](rng, i)
        buf.append(req if isinstance(req, str) else dumps(req))
        if len(buf) >= 10000:
            out.write(("\n".join(buf) + "\n").encode("utf-8"))
            buf.clear()
    if buf:
        out.write(("\n".join(buf) + "\n").encode("utf-8"))
    return kinds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, required=True, help="number of requests")
    ap.add_argument("--seed", type=int, default=20240201, help="random seed (default 20240201)")
    ap.add_argument("--kind", choices=KINDS, default="laff", help="which requests (default laff)")
    ap.add_argument("--out", default="-", help="output file (default stdout); written atomically")
    ap.add_argument("--manifest", help="also write the number of requests per kind as JSON here")
    args = ap.parse_args()
    if args.count < 0:
        ap.error("--count must be >= 0")
    if args.out == "-":
        kinds = generate(args.count, args.seed, sys.stdout.buffer, args.kind)
        sys.stdout.buffer.flush()
    else:
        tmp = "%s.tmp.%d" % (args.out, os.getpid())
        try:
            with open(tmp, "wb", buffering=1 << 20) as f:
                kinds = generate(args.count, args.seed, f, args.kind)
            os.replace(tmp, args.out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8") as f:
            json.dump({"count": args.count, "kind": args.kind, "seed": args.seed, "kinds": kinds,
                       "invalid": kinds.get("invalid", 0)}, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
