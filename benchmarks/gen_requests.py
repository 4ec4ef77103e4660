#!/usr/bin/env python3
"""Generate realistic taxa requests as JSON Lines (stdlib only, deterministic).

    python3 benchmarks/gen_requests.py --count 10000 --seed 20240201 --out FILE

The same --count and --seed always give byte-identical output (for the same
GENERATOR_VERSION), so benchmark inputs can be cached and compared across runs.

What a request looks like (mix chosen to resemble a municipal case log):
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
  * ids mostly case-number style ("oxl-2025-0001234"), some UUID style;
  * compact JSON (no spaces), one request per line, like
    Fixtures/sample-requests.jsonl.
"""

import argparse
import datetime
import json
import os
import random
import sys

GENERATOR_VERSION = 2

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


def generate(count, seed, out):
    rng = random.Random(seed)
    # compact, like Fixtures/sample-requests.jsonl
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    buf = []
    for i in range(count):
        buf.append(dumps(make_request(rng, i)))
        if len(buf) >= 10000:
            out.write(("\n".join(buf) + "\n").encode("utf-8"))
            buf.clear()
    if buf:
        out.write(("\n".join(buf) + "\n").encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, required=True, help="number of requests")
    ap.add_argument("--seed", type=int, default=20240201, help="random seed (default 20240201)")
    ap.add_argument("--out", default="-", help="output file (default stdout); written atomically")
    args = ap.parse_args()
    if args.count < 0:
        ap.error("--count must be >= 0")
    if args.out == "-":
        generate(args.count, args.seed, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    tmp = "%s.tmp.%d" % (args.out, os.getpid())
    try:
        with open(tmp, "wb", buffering=1 << 20) as f:
            generate(args.count, args.seed, f)
        os.replace(tmp, args.out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


if __name__ == "__main__":
    main()
