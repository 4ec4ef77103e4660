#!/usr/bin/env python3
"""Swift runtime calls per request, per benchmark input (callgrind, stdlib only).

    python3 benchmarks/runtime_calls.py                       # .build/release/taxa, every kind
    python3 benchmarks/runtime_calls.py --taxa PATH --kinds po,bep --top 8

For each kind, taxa runs under `valgrind --tool=callgrind` on the first 200 and on the first
2 200 requests that `gen_requests.py --kind K --count 2200 --seed 20240201` writes; a count per
request is (count on 2 200 - count on 200) / 2 000, so start-up (tariff loading, the examples'
check) is left out, as in bench.py's instruction counts. Counted: every call into a function
whose name starts with `swift_` (the runtime's entry points: retain/release, allocation,
exclusivity checks, once, unique-reference checks, array copies, metadata look-ups) and into
malloc/free, as callgrind records them, made by compiled code (taxa, the standard library and
the runtime's value witnesses); a runtime entry point's calls into another (the swift_retain
inside swift_bridgeObjectRetain, the malloc inside swift_allocObject) are not counted again. The instructions are given twice: for the whole
process as bench.py counts them, and only inside RequestProcessor.process (callgrind's
--toggle-collect; reading lines and writing answers left out). The first moves by about 2 000
per request between runs of the same binary, on every kind at once: the start-up work (tariffs
loaded, examples checked) differs by some millions of instructions from one run to the next
(dictionaries keyed by object addresses), and the difference of two runs does not cancel it.
The second does not move by more than about 100: compare builds by it. "atomic instructions" counts
the lock-prefixed instructions executed in the binary (objdump finds them; callgrind's
--dump-instr=yes counts them): a retain or release of an object on the heap is one (an
immortal object, nil, a small string: none), the last release of an object two. Counted on
x86 (the `lock` prefix; an `xchg` with memory, atomic without it, is not counted) in the
whole-process runs, differenced as the first instruction figure is. Swift's hashing is made deterministic
(SWIFT_DETERMINISTIC_HASHING=1): with a random seed, the dictionary look-ups of a run can differ
by thousands of instructions per request from those of the next. The tariff root is bench.py's (Tariffs/, the reference
tariffs, the example PKV values). Prints one Markdown table: a row per function, a column per
kind, and the instructions per request (with `--runs N`, the median of N runs of each); `--top N` prints each kind's N callers of retain and
release with the most calls per request (where the counts come from).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import statistics
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHORT, LONG = 200, 2200
KINDS = ["mix", "laff", "po", "bep", "fees", "invalid"]
ORDER = ["swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease",
         "swift_allocObject", "swift_deallocObject", "swift_deallocClassInstance", "swift_beginAccess",
         "swift_endAccess", "swift_once", "swift_isUniquelyReferenced_nonNull_native",
         "swift_arrayInitWithCopy", "swift_arrayDestroy", "malloc", "free"]


def counted(name):
    return name.startswith("swift_") or name in ("malloc", "free")


def lock_addresses(binary):
    """The addresses of the lock-prefixed (atomic read-modify-write) instructions in `binary`,
    by objdump; None without objdump."""
    objdump = shutil.which("objdump")
    if objdump is None:
        return None
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", binary], stdout=subprocess.PIPE, text=True,
                         errors="replace").stdout
    return {int(m.group(1), 16) for m in re.finditer(r"^\s*([0-9a-f]+):\s+lock ", out, re.M)}


def parse(path, locks=None, binary=None):
    """(calls per callee, calls per (caller, callee) for retain/release, total Ir, atomic
    instructions executed) of a callgrind output file, name compression resolved. The atomics
    are the executions of `locks` (instruction addresses) in the object `binary`, counted when
    the file has instruction-level positions (--dump-instr=yes --compress-pos=no)."""
    names = {}
    calls = defaultdict(int)
    pairs = defaultdict(int)
    total = 0
    atomics = 0
    fn = cfn = None
    ob = None
    objects = {}
    pending = None
    after_call = False
    name_re = re.compile(r"^\((\d+)\)(?: (.*))?$")

    def resolve(value):
        m = name_re.match(value)
        if not m:
            return value
        if m.group(2) is not None:
            names[m.group(1)] = m.group(2)
        return names.get(m.group(1), value)

    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if locks and line.startswith("0x"):
                # A cost line; the one right after `calls=` is the call's, not an instruction's own.
                if not after_call and ob is not None and os.path.basename(ob) == binary:
                    fields = line.split()
                    if int(fields[0], 16) in locks:
                        atomics += int(fields[-1])
                after_call = False
            if line.startswith("ob=") or line.startswith("cob="):
                # Objects have their own compressed names; only `ob=` says where costs lie.
                m = name_re.match(line.split("=", 1)[1])
                if m and m.group(2) is not None:
                    objects[m.group(1)] = m.group(2)
                if line.startswith("ob="):
                    ob = objects.get(m.group(1)) if m else line[3:]
            elif line.startswith("fn="):
                fn = resolve(line[3:])
            elif line.startswith("cfn="):
                cfn = resolve(line[4:])
            elif line.startswith("calls="):
                pending = int(line[6:].split()[0])
                after_call = True
            elif line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
            elif pending is not None and line and (line[0].isdigit() or line[0] in "+-*"):
                name = cfn.split("'")[0]
                if counted(name) and not fn.startswith("swift_"):
                    calls[name] += pending
                    if name in ("swift_retain", "swift_release", "swift_bridgeObjectRetain",
                                "swift_bridgeObjectRelease"):
                        pairs[(fn, name)] += pending
                pending = None
            elif line.startswith("cfi=") or line.startswith("cfl="):
                pass
            else:
                pending = None if not line.startswith("calls=") else pending
    return calls, pairs, total, atomics


# The row of atomic read-modify-write instructions (x86 `lock` prefix) executed in taxa's binary
# (its runtime included): what a retain or release of a heap object costs beyond a call, and
# what threads pricing at once contend for when the object is shared.
ATOMICS = "atomic instructions"

# Collected only inside this function (and what it calls): answering one line.
PROCESS = "$s9TaxaForms16RequestProcessorV7process*"


def callgrind(valgrind, taxa, root, requests, out, only_process=False, locks=None):
    extra = ["--collect-atstart=no", "--toggle-collect=" + PROCESS] if only_process else []
    if locks:
        extra += ["--dump-instr=yes", "--compress-pos=no"]  # instruction addresses, for the atomics
    with open(requests, "rb") as stdin:
        r = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=" + out] + extra + [taxa, "--tariffs", root],
                           stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           env=dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1"))
    if r.returncode != 0:
        sys.exit("callgrind failed (%d): %s" % (r.returncode, r.stderr.decode(errors="replace")[-800:]))
    return parse(out, locks, os.path.basename(taxa))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--taxa", default=os.path.join(REPO, ".build", "release", "taxa"))
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--seed", type=int, default=20240201)
    ap.add_argument("--top", type=int, default=0, help="also print the N callers of retain/release with most calls")
    ap.add_argument("--keep", help="keep the 2 200-request profiles in this folder")
    ap.add_argument("--runs", type=int, default=1, help="runs per kind; each figure is the median (default 1)")
    args = ap.parse_args()
    valgrind = shutil.which("valgrind") or sys.exit("valgrind not found")
    sys.path.insert(0, HERE)
    sys.dont_write_bytecode = True  # no __pycache__ left in benchmarks/
    import bench  # the harness's tariff root and debug-stripped copy, so the figures match it

    with tempfile.TemporaryDirectory(prefix="taxa-rtcalls-") as tmp:
        class A:
            tariffs = os.path.join(REPO, "Tariffs")
            pkv = os.path.join(REPO, "Fixtures", "indices", "pkv-example.json")
            reference = os.path.join(REPO, "Fixtures", "reference-tariffs")
        root = bench.make_tariff_root(A, tmp)
        taxa = bench.callgrind_copy(shutil.copy2(args.taxa, os.path.join(tmp, "taxa")), tmp)
        locks = lock_addresses(taxa)
        table = {}
        tops = {}
        for kind in args.kinds.split(","):
            full = os.path.join(tmp, kind + ".jsonl")
            subprocess.run([sys.executable, os.path.join(HERE, "gen_requests.py"), "--kind", kind, "--count",
                            str(LONG), "--seed", str(args.seed), "--out", full], check=True)
            short = os.path.join(tmp, kind + "-short.jsonl")
            with open(full, "rb") as f, open(short, "wb") as s:
                for number, line in enumerate(f):
                    if number >= SHORT:
                        break
                    s.write(line)
            keep = os.path.join(args.keep, "callgrind.%s.out" % kind) if args.keep else os.path.join(tmp, "long.out")
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
            n = LONG - SHORT
            rows = []
            for _ in range(max(1, args.runs)):
                a_calls, a_pairs, a_ir, a_atomics = callgrind(valgrind, taxa, root, short, os.path.join(tmp, "short.out"), locks=locks)
                b_calls, b_pairs, b_ir, b_atomics = callgrind(valgrind, taxa, root, full, keep, locks=locks)
                row = {name: (b_calls.get(name, 0) - a_calls.get(name, 0)) / n for name in set(a_calls) | set(b_calls)}
                row["instructions"] = (b_ir - a_ir) / n
                if locks:
                    row[ATOMICS] = (b_atomics - a_atomics) / n
                a_ir = callgrind(valgrind, taxa, root, short, os.path.join(tmp, "p.out"), only_process=True)[2]
                b_ir = callgrind(valgrind, taxa, root, full, os.path.join(tmp, "p.out"), only_process=True)[2]
                row["in process()"] = (b_ir - a_ir) / n
                rows.append(row)
            table[kind] = {name: statistics.median(r.get(name, 0) for r in rows) for name in set().union(*rows)}
            tops[kind] = sorted((((b_pairs.get(k, 0) - a_pairs.get(k, 0)) / n, k) for k in set(a_pairs) | set(b_pairs)),
                                reverse=True)
            print("  %s done" % kind, file=sys.stderr)

    kinds = list(table)
    names = [n for n in ORDER if any(abs(table[k].get(n, 0)) >= 0.005 for k in kinds)]
    names += sorted(n for n in {n for k in kinds for n in table[k]} - set(ORDER) - {"instructions", "in process()", ATOMICS}
                    if any(abs(table[k].get(n, 0)) >= 0.05 for k in kinds))
    print("| per request | " + " | ".join(kinds) + " |")
    print("|---|" + "---:|" * len(kinds))
    for figure in ("instructions", "in process()"):
        print("| %s | " % figure + " | ".join("{:,.0f}".format(table[k][figure]).replace(",", " ") for k in kinds) + " |")
    if all(ATOMICS in table[k] for k in kinds):
        print("| %s | " % ATOMICS + " | ".join("%.1f" % table[k][ATOMICS] for k in kinds) + " |")
    for name in names:
        print("| `%s` | " % name + " | ".join("%.2f" % table[k].get(name, 0) for k in kinds) + " |")
    for k in kinds if args.top else []:
        print("\n%s: callers with the most retain/release calls per request" % k)
        for count, (caller, callee) in tops[k][:args.top]:
            demangled = subprocess.run(["swift", "demangle", "--simplified", caller.split("'")[0]],
                                       stdout=subprocess.PIPE, text=True).stdout.strip() if shutil.which("swift") else caller
            print("  %7.2f  %-26s %s" % (count, callee, demangled[:150]))


if __name__ == "__main__":
    main()
