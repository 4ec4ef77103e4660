#!/usr/bin/env python3
"""Several builds of taxa side by side in one run (stdlib only; uses bench.py's helpers).

    python3 benchmarks/compare_builds.py plain=PATH pgo=PATH [more=PATH ...] [--mix-size N]
        [--kind-size N] [--pairs P] [--seed S] [--summary-out FILE]

The first build is the reference. For every build, on the benchmarks' tariff root and inputs
(gen_requests.py, seed 20240201 unless --seed):
  * output: every input (mix and each kind) and every golden request file answered byte for
    byte as the reference answers it;
  * instructions, instruction-cache (I1) misses and mispredicted branches per request: callgrind,
    and cachegrind with --cache-sim=yes --branch-sim=yes, on the first 200 and the first 2 200
    requests, the difference over 2 000 (as bench.py counts instructions);
  * time: P rounds, each running the floor and every build once on the input (order rotated each
    round); per round build ÷ floor, the median over the rounds (as bench.py's taxa ÷ floor).
Used to decide which build steps scripts/build-pgo keeps (benchmarks/README.md).
"""

import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

KINDS = ["mix", "laff", "po", "bep", "fees", "invalid"]


def valgrind_counts(valgrind, argv, input_path, tmpdir):
    """(instructions, I1 misses, mispredicted branches) of argv on input_path, from cachegrind."""
    err = os.path.join(tmpdir, "cachegrind-err.txt")
    cmd = [valgrind, "--tool=cachegrind", "--cache-sim=yes", "--branch-sim=yes",
           "--cachegrind-out-file=/dev/null"] + argv
    run = bench.run_timed(cmd, input_path, os.devnull, err, 1800)
    text = open(err, encoding="utf-8", errors="replace").read()

    def grab(label):
        m = re.search(r"==\d+== %s\s*:?\s*([\d,]+)" % label, text)
        if not m:
            raise bench.HarnessError("cachegrind printed no %r (status %d):\n%s" % (label, run.returncode, text[-1500:]))
        return int(m.group(1).replace(",", ""))

    if run.returncode != 0:
        raise bench.HarnessError("cachegrind failed (status %d):\n%s" % (run.returncode, text[-1500:]))
    return grab(r"I\s+refs:"), grab(r"I1\s+misses:"), grab(r"Mispredicts:")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("builds", nargs="+", help="NAME=PATH, the first is the reference")
    ap.add_argument("--mix-size", type=int, default=200_000)
    ap.add_argument("--kind-size", type=int, default=50_000)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=bench.DEFAULT_SEED)
    ap.add_argument("--skip-valgrind", action="store_true")
    ap.add_argument("--summary-out")
    args = ap.parse_args()
    builds = []
    for spec in args.builds:
        name, _, path = spec.partition("=")
        if not path or not os.access(path, os.X_OK):
            ap.error("%s: expected NAME=PATH of an executable" % spec)
        builds.append((name, os.path.abspath(path)))
    # bench.make_tariff_root reads these
    args.tariffs = os.path.join(bench.REPO, "Tariffs")
    args.reference = os.path.join(bench.REPO, "Fixtures", "reference-tariffs")
    args.pkv = os.path.join(bench.REPO, "Fixtures", "indices", "pkv-example.json")
    cachedir = os.path.join(bench.REPO, ".build", "benchmarks", "inputs")
    os.makedirs(cachedir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="taxa-compare-") as tmpdir:
        root = bench.make_tariff_root(args, tmpdir)
        floor = bench.build_floor(tmpdir)
        inputs = [(kind, bench.ensure_input(args, cachedir, kind, args.mix_size if kind == "mix" else args.kind_size)[0])
                  for kind in KINDS]
        lines = ["## Builds side by side (mix %s, kinds %s requests, %d rounds, seed %d)" % (
            bench.fmt_int(args.mix_size), bench.fmt_int(args.kind_size), args.pairs, args.seed), ""]
        lines += ["| build | path | size |", "|---|---|---|"]
        for name, path in builds:
            lines.append("| %s | %s | %.1f MB |" % (name, os.path.relpath(path, bench.REPO), os.path.getsize(path) / 1e6))
        lines.append("")

        # 1. Output identity.
        bench.log("== output against %s ==" % builds[0][0])
        # the golden files' roots, as scripts/regenerate-golden answers them
        example = os.path.join(tmpdir, "example-pkv")
        shutil.copytree(args.tariffs, example)
        shutil.copyfile(args.pkv, os.path.join(example, "indices", "pkv.json"))
        golden = sorted(p for p in glob.glob(os.path.join(bench.REPO, "Fixtures", "golden", "*", "*.jsonl"))
                        if not p.endswith(".expected.jsonl"))
        checks = [(kind, path, ["--tariffs", root]) for kind, path in inputs]
        for path in golden:
            folder = os.path.basename(os.path.dirname(path))
            groot = {"shipped": args.tariffs, "example-pkv": example,
                     "reference": os.path.join(bench.REPO, "Fixtures", "reference-tariffs"),
                     "billing": os.path.join(bench.REPO, "Fixtures", "billing-example")}[folder]
            checks.append(("golden " + os.path.relpath(path, bench.REPO), path, ["--tariffs", groot]))
        identical = {name: 0 for name, _ in builds}
        differing = []
        expected_ok = 0
        for label, path, extra in checks:
            ref = None
            for name, binary in builds:
                r = subprocess.run([binary] + extra, stdin=open(path, "rb"), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
                out = (r.returncode, r.stdout, r.stderr)
                if ref is None:
                    ref = out
                    if label.startswith("golden "):
                        with open(path[:-len(".jsonl")] + ".expected.jsonl", "rb") as f:
                            if f.read() == r.stdout:
                                expected_ok += 1
                            else:
                                differing.append((name, label + " (against its .expected.jsonl)"))
                elif out == ref:
                    identical[name] += 1
                else:
                    differing.append((name, label))
        for name, _ in builds[1:]:
            bench.log("  %s: %d of %d inputs identical (stdout, stderr, status)" % (name, identical[name], len(checks)))
        for name, label in differing:
            bench.log("  DIFFERS: %s on %s" % (name, label))
        bench.log("  %s: %d of %d golden files answered as their .expected.jsonl" % (builds[0][0], expected_ok, len(golden)))
        lines.append("Golden files: %s answers %d of %d as their .expected.jsonl." % (builds[0][0], expected_ok, len(golden)))
        lines.append("Output: %s" % ", ".join("%s identical to %s on %d of %d inputs (stdout, stderr and status)" % (
            name, builds[0][0], identical[name], len(checks)) for name, _ in builds[1:]))
        lines.append("")

        # 2. Per-request counts.
        valgrind = None if args.skip_valgrind else bench.find_tool("valgrind", False)
        counts = {}
        if valgrind:
            bench.log("== callgrind / cachegrind, requests %d-%d ==" % (bench.CG_SHORT + 1, bench.CG_LONG))
            nodebug = {name: bench.callgrind_copy(path, tmpdir) for name, path in builds}
            for kind, path in inputs:
                short = os.path.join(tmpdir, "short.jsonl")
                long_ = os.path.join(tmpdir, "long.jsonl")
                with open(path, "rb") as f, open(short, "wb") as s, open(long_, "wb") as l:
                    for number, line in enumerate(f):
                        if number >= bench.CG_LONG:
                            break
                        if number < bench.CG_SHORT:
                            s.write(line)
                        l.write(line)
                span = bench.CG_LONG - bench.CG_SHORT
                for name, _ in builds + [("floor", floor)]:
                    argv = [floor] if name == "floor" else [nodebug[name], "--tariffs", root]
                    ir_a = bench.callgrind_ir(valgrind, argv, short, os.devnull, tmpdir, 1800)
                    ir_b = bench.callgrind_ir(valgrind, argv, long_, os.devnull, tmpdir, 1800)
                    ca = valgrind_counts(valgrind, argv, short, tmpdir)
                    cb = valgrind_counts(valgrind, argv, long_, tmpdir)
                    counts[(kind, name)] = ((ir_b - ir_a) / span, (cb[1] - ca[1]) / span, (cb[2] - ca[2]) / span)
                    bench.log("  %-8s %-10s %8.0f instructions, %6.0f I1 misses, %5.0f mispredicted branches per request"
                              % ((kind, name) + counts[(kind, name)]))
            lines += ["### Per request (requests %d–%d): instructions / I1 misses / mispredicted branches" % (
                bench.CG_SHORT + 1, bench.CG_LONG), ""]
            names = [n for n, _ in builds] + ["floor"]
            lines += ["| kind | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
            for kind, _ in inputs:
                lines.append("| %s | " % kind + " | ".join(
                    "%s / %s / %s" % (bench.fmt_int(int(round(c[0]))), bench.fmt_int(int(round(c[1]))),
                                      bench.fmt_int(int(round(c[2]))))
                    for c in (counts[(kind, n)] for n in names)) + " |")
            lines.append("")

        # 3. Time, build ÷ floor per round.
        bench.log("== time, %d rounds ==" % args.pairs)
        programs = [("floor", [floor])] + [(name, [path, "--tariffs", root]) for name, path in builds]
        times = {}
        for kind, path in inputs:
            for number in range(args.pairs):
                order = programs[number % len(programs):] + programs[:number % len(programs)]
                for name, argv in order:
                    out = os.path.join(tmpdir, "out.jsonl")
                    run = bench.run_timed(argv, path, out, os.path.join(tmpdir, "err.txt"), 1800)
                    if run.returncode != 0:
                        raise bench.HarnessError("%s failed on %s" % (name, kind))
                    times.setdefault((kind, name), []).append(run.wall)
            line = "  %-8s floor %s" % (kind, bench.fmt_s(statistics.median(times[(kind, "floor")])))
            for name, _ in builds:
                ratios = [t / f for t, f in zip(times[(kind, name)], times[(kind, "floor")])]
                times[(kind, name, "ratio")] = ratios
                line += ", %s %.3f" % (name, statistics.median(ratios))
            bench.log(line)
        lines += ["### Time: build ÷ floor, median of %d rounds (min–max)" % args.pairs, ""]
        lines += ["| kind | " + " | ".join(n for n, _ in builds) + " |", "|---" * (len(builds) + 1) + "|"]
        for kind, _ in inputs:
            lines.append("| %s | " % kind + " | ".join(
                "%.3f (%.2f–%.2f)" % (statistics.median(r), min(r), max(r))
                for r in (times[(kind, n, "ratio")] for n, _ in builds)) + " |")
        lines.append("")
        md = "\n".join(lines)
        print(md)
        if args.summary_out:
            with open(args.summary_out, "w", encoding="utf-8") as f:
                f.write(md)
        return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
