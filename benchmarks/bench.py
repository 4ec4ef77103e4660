#!/usr/bin/env python3
"""taxa benchmark driver (stdlib only).  Start it through `bash benchmarks/run`.

Steps:
  1. check tools, build `taxa` as scripts/package does (scripts/build-pgo: the release build with
     --static-swift-stdlib, profile-guided; --plain-build without the profile) and the
     jansson floor program (benchmarks/floor.c);
  2. make one temporary tariff root holding Tariffs/ and the tariff folders of
     Fixtures/reference-tariffs/ (not its indices/: Tariffs/indices/pbb.json is the
     same file), with indices/pkv.json replaced by Fixtures/indices/pkv-example.json
     (requests dated 2025/2026 need PKV values);
  3. generate (or reuse from the cache) the seeded inputs: the mixed workload at
     each --sizes N, and each kind on its own at --kind-size requests
     (gen_requests.py --kind mix|laff|po|bep|fees|invalid);
  4. per input: one sanity + peak-RSS run per program under /usr/bin/time -v
     (output lines, and taxa's "ok":false lines against the generator's count of
     invalid requests), then P alternating timed rounds taxa / floor / jq (order
     reversed every other round), timing with time.perf_counter around a child
     whose stdin is the request file and whose stdout is a file;
  5. instructions per request per kind from callgrind (valgrind): taxa and the
     floor on the first 200 and the first 2 200 requests of each input, the
     difference over 2 000 - stable on the noisy shared machine;
  6. start-up: one taxa process answering a single request with the merged root
     (and with the shipped Tariffs/), median of 20 runs (hyperfine and a python loop);
  7. --jobs 1 vs --jobs 2 on the largest mixed input, output compared byte for byte;
  8. a Markdown summary with the targets, also saved with the raw numbers
     (JSON) under the work dir.

See benchmarks/README.md for what the figures mean.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GENERATOR = os.path.join(HERE, "gen_requests.py")
FLOOR_SRC = os.path.join(HERE, "floor.c")

DEFAULT_SIZES = [10_000, 200_000, 1_000_000]
QUICK_SIZES = [1_000, 10_000]
DEFAULT_KINDS = ["laff", "po", "bep", "fees", "invalid"]
DEFAULT_KIND_SIZE = 200_000
QUICK_KIND_SIZE = 5_000
DEFAULT_SEED = 20240201
KIND_NAMES = {
    "mix": "mix (all kinds, 3 % invalid)",
    "laff": "LÅFF (hourly)",
    "po": "PO (percentage)",
    "bep": "BEP (per capita)",
    "fees": "reference tariffs (fees)",
    "invalid": "invalid requests",
}

# targets (see docs/performance.md)
TARGET_MIX_RATIO = 1.00
TARGET_MIX_RATIO_STRETCH = 0.75
TARGET_MIX_RATIO_N = 200_000
TARGET_KIND_RATIO = 1.25
TARGET_RSS_MIB = 32.0
TARGET_RSS_N = 1_000_000
TARGET_RSS_BASE_N = 10_000
TARGET_RSS_GROWTH = 0.10
TARGET_STARTUP_MS = 20.0
TARGET_JOBS_SPEEDUP = 1.8
# the kinds held to TARGET_KIND_RATIO (invalid requests are measured, not a kind)
TARGET_KINDS = ["laff", "po", "bep", "fees"]

# callgrind: instructions per request = (Ir(CG_LONG lines) - Ir(CG_SHORT lines)) / (CG_LONG - CG_SHORT)
CG_SHORT = 200
CG_LONG = 2_200

OK_FALSE_RE = re.compile(rb'"ok"\s*:\s*false')

# jq's program: every line parsed and printed compactly, a broken one answered like the floor
JQ_PROGRAM = 'fromjson? // {"ok":false,"error":"not JSON"}'


# one request for the start-up measurement: dated 2024 (no PKV index needed), all three activities.
STARTUP_REQUEST = {
    "id": "startup-1",
    "tariff": "oxelosund/laff",
    "entries": [
        {"date": "2024-03-05", "activity": "tillsyn", "minutes": 47, "officer": "A"},
        {"date": "2024-03-06", "activity": "avfallshanteringsplan", "minutes": 90, "officer": "B"},
        {"date": "2024-03-07", "activity": "overklagande", "minutes": 30, "officer": "B"},
    ],
}


class HarnessError(Exception):
    """A problem that stops the benchmark with a clear message (exit 2)."""


def log(msg=""):
    print(msg, flush=True)


def fmt_int(n):
    return "{:,}".format(n).replace(",", " ")


def fmt_s(sec):
    if sec is None:
        return "-"
    if sec < 1:
        return "%.1f ms" % (sec * 1000)
    return "%.3f s" % sec


def fmt_rate(x):
    if x is None:
        return "-"
    if x >= 100:
        return fmt_int(int(round(x)))
    return "%.1f" % x


def mib(kib):
    return None if kib is None else kib / 1024.0


# --------------------------------------------------------------------------
# running programs

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def machine_busy_seconds():
    """CPU seconds all processes of the machine have used so far (all cores,
    steal included: time the hypervisor gave to others), from /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = f.readline().split()
    except OSError:
        return None
    v = [int(x) for x in fields[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = v
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


# "others" of every timed run: cores used by processes other than the one
# measured, averaged over the run (noise indicator)
OTHERS = []
OTHERS_WARN_MEAN = 0.25
OTHERS_WARN_ROUND = 0.5


def others_note(values):
    vals = [v for v in values if v is not None]
    if not vals or max(vals) < 0.1:
        return ""
    return "  [others: up to %.2f cores%s]" % (max(vals), " **noisy**" if max(vals) >= OTHERS_WARN_ROUND else "")


class RunResult:
    def __init__(self, wall, returncode, maxrss_kib, user, sys_, out_path, err_path, others=None):
        self.others = others  # average cores used by other processes during the run
        self.wall = wall
        self.returncode = returncode
        self.maxrss_kib = maxrss_kib  # from wait4 rusage
        self.user = user
        self.sys = sys_
        self.out_path = out_path
        self.err_path = err_path


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass


def run_group(cmd, timeout=None, **kw):
    """subprocess.run() in its own process group, killed as a group on any
    exception (Ctrl-C, SIGTERM, timeout); returns CompletedProcess."""
    with subprocess.Popen(cmd, start_new_session=True, **kw) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except BaseException:
            kill_group(proc)
            proc.wait()
            raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def run_timed(cmd, stdin_path, out_path, err_path, timeout, env=None, cwd=None):
    """Run cmd with stdin from a file and stdout to a file; wall time with
    time.perf_counter from just before the fork to just after wait4."""
    with open(stdin_path, "rb") as fin, open(out_path, "wb") as fout, \
            open(err_path, "wb") as ferr:
        timed_out = []

        def on_timeout():
            timed_out.append(True)
            kill_group(proc)

        busy0 = machine_busy_seconds()
        t0 = time.perf_counter()
        # own process group, so a wrapper (/usr/bin/time) and its child are
        # killed together on timeout, Ctrl-C or SIGTERM
        proc = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=ferr, env=env, cwd=cwd,
                                start_new_session=True)
        timer = threading.Timer(timeout, on_timeout) if timeout else None
        if timer:
            timer.daemon = True
            timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
            t1 = time.perf_counter()
            busy1 = machine_busy_seconds()
        except BaseException:
            kill_group(proc)
            proc.wait()
            raise
        finally:
            if timer:
                timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if timed_out:
        raise HarnessError("%s timed out after %d s (raise --timeout?)" % (shlex.join(cmd), timeout))
    others = None
    if busy0 is not None and busy1 is not None and t1 - t0 >= 0.05:
        # /proc/stat ticks are 10 ms: only meaningful for runs of some length
        others = max(0.0, (busy1 - busy0 - ru.ru_utime - ru.ru_stime) / (t1 - t0))
    return RunResult(t1 - t0, proc.returncode, ru.ru_maxrss, ru.ru_utime, ru.ru_stime,
                     out_path, err_path, others)


def run_with_gnu_time(cmd, stdin_path, out_path, err_path, timeout, time_bin):
    """Like run_timed, under `/usr/bin/time -v`; returns (RunResult, maxrss KiB
    as printed by GNU time in "Maximum resident set size (kbytes)")."""
    if time_bin is None:
        res = run_timed(cmd, stdin_path, out_path, err_path, timeout)
        return res, res.maxrss_kib
    tv_path = err_path + ".time"
    res = run_timed([time_bin, "-v", "-o", tv_path] + cmd, stdin_path, out_path, err_path, timeout)
    rss = None
    try:
        with open(tv_path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", line)
                if m:
                    rss = int(m.group(1))
    except FileNotFoundError:
        pass
    return res, rss


def tail(path, nlines=15):
    try:
        with open(path, "rb") as f:
            data = f.read()[-8000:]
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace").rstrip("\n").split("\n")
    return "\n".join("    " + x for x in text[-nlines:])


def check_rc(name, res):
    if res.returncode != 0:
        raise HarnessError("%s exited with status %d; stderr:\n%s"
                           % (name, res.returncode, tail(res.err_path)))


def scan_output(path, want_ok_false=False, samples=3):
    """Count lines (a final line without newline counts), blank lines, and
    lines matching "ok":false; return a dict plus a digest for comparisons."""
    lines = blank = ok_false = 0
    sample_lines = []
    digest = hashlib.sha256()
    last = b"\n"
    with open(path, "rb", buffering=1 << 20) as f:
        for line in f:
            digest.update(line)
            lines += 1
            last = line[-1:]
            if not line.strip():
                blank += 1
            elif want_ok_false and b"false" in line and OK_FALSE_RE.search(line):
                ok_false += 1
                if len(sample_lines) < samples:
                    sample_lines.append(line[:300].decode("utf-8", errors="replace").rstrip("\n"))
    return {"lines": lines, "blank": blank, "ok_false": ok_false,
            "ok_false_samples": sample_lines, "trailing_newline": last == b"\n",
            "sha256": digest.hexdigest()}


# --------------------------------------------------------------------------
# setup

def find_tool(name, required, hint=""):
    path = shutil.which(name)
    if path is None and required:
        raise HarnessError("%s not found in PATH%s" % (name, (" - " + hint) if hint else ""))
    return path


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=60, check=False).stdout
        return out.decode("utf-8", errors="replace").strip().split("\n")[0]
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def build_floor(workdir):
    cc = find_tool(os.environ.get("CC", "cc"), True, "install gcc")
    pc = find_tool("pkg-config", True, "apt-get install pkg-config")
    try:
        flags = subprocess.run([pc, "--cflags", "--libs", "jansson"], check=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout.decode().split()
    except subprocess.CalledProcessError:
        raise HarnessError("jansson not found by pkg-config - apt-get install libjansson-dev")
    out = os.path.join(workdir, "floor")
    cmd = [cc, "-O2", FLOOR_SRC] + flags + ["-o", out]
    log("  compiling floor: %s" % shlex.join(cmd))
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise HarnessError("compiling floor.c failed:\n" + r.stdout.decode(errors="replace"))
    return out


def build_taxa(args, workdir):
    if args.taxa:
        path = os.path.abspath(args.taxa)
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            raise HarnessError("--taxa %s is not an executable file" % args.taxa)
        log("  using prebuilt taxa: %s" % path)
        return path
    swift = find_tool("swift", True, "Swift toolchain expected at /opt/swift/usr/bin")
    if not os.path.isfile(os.path.join(REPO, "Package.swift")):
        raise HarnessError("no Package.swift in %s - cannot build taxa" % REPO)
    build_log = os.path.join(workdir, "swift-build.log")
    # As the Debian package builds it (scripts/package, through scripts/build-pgo): the Swift
    # runtime linked in, so its calls (reference counting above all) are direct rather than
    # through the PLT, and optimised with a profile of the generator's requests (--plain-build:
    # the release build without the profile).
    cmd = ["bash", os.path.join(REPO, "scripts", "build-pgo")] + (["--plain"] if args.plain_build else [])
    if args.no_build:
        log("  --no-build: not running %s" % shlex.join(cmd))
        if args.plain_build:
            r = subprocess.run([swift, "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            bindir = r.stdout.decode().strip() if r.returncode == 0 and r.stdout.strip() \
                else os.path.join(REPO, ".build", "release")
        else:
            bindir = os.path.join(REPO, ".build-pgo", "release")
        path = os.path.join(bindir, "taxa")
    else:
        log("  building taxa: %s  (log: %s)" % (shlex.join(cmd), os.path.relpath(build_log, REPO)))
        t0 = time.perf_counter()
        with open(build_log, "wb") as f:
            r = run_group(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=f)
        if r.returncode != 0:
            raise HarnessError("taxa does not build: `%s` exited with status %d. Last lines of %s:\n%s"
                               % (shlex.join(cmd), r.returncode, build_log, tail(build_log, 25)))
        log("  built in %.1f s" % (time.perf_counter() - t0))
        path = r.stdout.decode().strip().splitlines()[-1] if r.stdout.strip() else ""
        with open(build_log, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "FALLING BACK" in text:
            args.build_note = ("**taxa is the PLAIN release build**: the profile-guided build failed (%s)"
                               % os.path.relpath(build_log, REPO))
            log("  " + args.build_note)
            log(tail(build_log, 12))
    if not os.access(path, os.X_OK):
        raise HarnessError("taxa binary not found at %s after the build" % path)
    args.build_kind = "plain release build" if args.plain_build or getattr(args, "build_note", None) \
        else "profile-guided build (scripts/build-pgo)"
    return path


def snapshot_binary(path, tmpdir):
    """Copy taxa (and any shared libraries / resource bundles beside it, which
    its $ORIGIN run path may need) into the run's temporary directory, so that
    a rebuild of .build/release/taxa during the run cannot mix two binaries."""
    src_dir = os.path.dirname(path)
    dst_dir = os.path.join(tmpdir, "bin")
    os.makedirs(dst_dir, exist_ok=True)
    for name in os.listdir(src_dir):
        full = os.path.join(src_dir, name)
        if name.endswith(".so") or ".so." in name:
            shutil.copy2(full, dst_dir)
        elif name.endswith(".resources") and os.path.isdir(full):
            shutil.copytree(full, os.path.join(dst_dir, name))
    dst = os.path.join(dst_dir, os.path.basename(path))
    shutil.copy2(path, dst)
    return dst


def make_tariff_root(args, tmpdir):
    """One root with the shipped tariffs and the reference tariffs: Tariffs/ copied whole, the
    tariff folders of --reference copied beside them (its indices/ is not: the prisbasbelopp
    is the same file as Tariffs/indices/pbb.json, which is checked), PKV from --pkv."""
    src = os.path.abspath(args.tariffs)
    if not os.path.isdir(src):
        raise HarnessError("tariff directory %s not found (--tariffs)" % src)
    pkv = os.path.abspath(args.pkv)
    if not os.path.isfile(pkv):
        raise HarnessError("PKV fixture %s not found (--pkv); requests dated 2025/2026 need it" % pkv)
    dst = os.path.join(tmpdir, "tariffs")
    shutil.copytree(src, dst, symlinks=False)
    os.makedirs(os.path.join(dst, "indices"), exist_ok=True)
    shutil.copyfile(pkv, os.path.join(dst, "indices", "pkv.json"))
    ref = os.path.abspath(args.reference) if args.reference else None
    if ref:
        if not os.path.isdir(ref):
            raise HarnessError("reference tariff root %s not found (--reference)" % ref)
        for name in sorted(os.listdir(ref)):
            full = os.path.join(ref, name)
            if name == "indices" or name.startswith(".") or not os.path.isdir(full):
                continue
            if os.path.exists(os.path.join(dst, name)):
                raise HarnessError("%s exists in both %s and %s" % (name, src, ref))
            shutil.copytree(full, os.path.join(dst, name), symlinks=False)
        for index in os.listdir(os.path.join(ref, "indices")) if os.path.isdir(os.path.join(ref, "indices")) else []:
            mine = os.path.join(dst, "indices", index)
            with open(os.path.join(ref, "indices", index), "rb") as a:
                theirs_bytes = a.read()
            if not os.path.isfile(mine):
                raise HarnessError("%s/indices/%s is not in %s/indices" % (ref, index, src))
            with open(mine, "rb") as b:
                if b.read() != theirs_bytes:
                    raise HarnessError("%s/indices/%s differs from the one in %s/indices" % (ref, index, src))
    return dst


def ensure_input(args, cachedir, kind, n):
    """The cached input of `n` requests of `kind` (generated once), and its manifest."""
    with open(GENERATOR, "rb") as f:
        gen_hash = hashlib.sha256(f.read()).hexdigest()[:10]
    path = os.path.join(cachedir, "requests-%s-n%d-seed%d-%s.jsonl" % (kind, n, args.seed, gen_hash))
    manifest = path[:-len(".jsonl")] + ".manifest.json"
    if os.path.isfile(path) and os.path.isfile(manifest):
        log("  input %s N=%s: cached %s" % (kind, fmt_int(n), os.path.relpath(path, REPO)))
    else:
        log("  input %s N=%s: generating %s ..." % (kind, fmt_int(n), os.path.relpath(path, REPO)))
        t0 = time.perf_counter()
        partial = "%s.partial-%d" % (path, os.getpid())
        try:
            r = run_group([sys.executable, GENERATOR, "--kind", kind, "--count", str(n), "--seed", str(args.seed),
                           "--out", partial, "--manifest", manifest])
            if r.returncode != 0:
                raise HarnessError("gen_requests.py failed with status %d" % r.returncode)
            os.replace(partial, path)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        log("    done in %.1f s, %.1f MB" % (time.perf_counter() - t0, os.path.getsize(path) / 1e6))
    with open(manifest, encoding="utf-8") as f:
        return path, json.load(f)


def detect_jobs(taxa, tariff_root):
    """(supported, reason).  --jobs counts as supported if `taxa --help` or
    `taxa run --help` (the default subcommand) mentions it and
    `taxa --tariffs ROOT --jobs 2` accepts an empty input."""
    listed = False
    for extra in (["--help"], ["run", "--help"]):
        try:
            r = run_group([taxa] + extra, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if b"--jobs" in r.stdout:
            listed = True
            break
    if not listed:
        return False, "taxa --help does not list --jobs"
    try:
        r = run_group([taxa, "--tariffs", tariff_root, "--jobs", "2"], stdin=subprocess.DEVNULL,
                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, "taxa --jobs 2 on empty input failed: %s" % e
    if r.returncode != 0:
        return False, "taxa --jobs 2 on empty input exited %d: %s" % (
            r.returncode, r.stdout.decode(errors="replace").strip()[:200])
    return True, "supported"


# --------------------------------------------------------------------------
# measurements

def measure_input(args, label, kind, n, input_path, manifest, programs, tmpdir):
    """programs: list of (name, argv).  Returns a dict with the results."""
    size = os.path.getsize(input_path)
    log("")
    log("== %s, N = %s requests (%.1f MB input) ==" % (KIND_NAMES.get(kind, kind), fmt_int(n), size / 1e6))
    res = {"label": label, "kind": kind, "n": n, "input_bytes": size, "programs": {}, "notes": [],
           "expected_invalid": manifest.get("invalid", 0), "manifest": manifest}
    active = []
    for name, argv in programs:
        entry = {"argv": argv, "times": [], "rss_kib": None, "wait4_rss_kib": [],
                 "lines": None, "ok_false": None, "skipped": None}
        res["programs"][name] = entry
        if name == "jq" and args.skip_jq_large and n >= args.jq_large_n:
            entry["skipped"] = "--skip-jq-large (N >= %s)" % fmt_int(args.jq_large_n)
            log("  jq: skipped at this size (%s)" % entry["skipped"])
            continue
        out = os.path.join(tmpdir, "out-%s.jsonl" % name)
        err = os.path.join(tmpdir, "err-%s.txt" % name)
        run, rss = run_with_gnu_time(argv, input_path, out, err, args.timeout, args.time_bin)
        check_rc(name, run)
        scan = scan_output(out, want_ok_false=(name == "taxa"))
        entry["rss_kib"] = rss
        entry["lines"] = scan["lines"]
        entry["sha256"] = scan["sha256"]
        if name == "taxa":
            entry["ok_false"] = scan["ok_false"]
            entry["ok_false_samples"] = scan["ok_false_samples"]
        problems = []
        if scan["lines"] != n:
            problems.append("%s output lines, expected %s" % (fmt_int(scan["lines"]), fmt_int(n)))
        if scan["blank"]:
            problems.append("%d blank output lines" % scan["blank"])
        if not scan["trailing_newline"] and scan["lines"]:
            problems.append("last output line has no newline")
        if name == "taxa" and scan["ok_false"] != res["expected_invalid"]:
            problems.append('%s "ok":false lines, expected %s (the invalid requests generated)' % (
                fmt_int(scan["ok_false"]), fmt_int(res["expected_invalid"])))
        entry["sanity"] = "ok" if not problems else "; ".join(problems)
        msg = "  %-5s sanity run: %s, %s lines, peak RSS %.1f MiB%s" % (
            name, fmt_s(run.wall), fmt_int(scan["lines"]), mib(rss) if rss else float("nan"),
            "" if not problems else "  ** " + entry["sanity"])
        if name == "taxa":
            msg += '  ("ok":false: %s, expected %s)' % (fmt_int(scan["ok_false"]), fmt_int(res["expected_invalid"]))
        log(msg)
        if problems:
            for s in entry.get("ok_false_samples", []):
                log("      e.g. " + s)
            res["notes"].append("%s on %s N=%s: %s" % (name, label, fmt_int(n), entry["sanity"]))
        if name == "jq" and run.wall > args.jq_max_seconds:
            entry["skipped"] = "one run took %.1f s > --jq-max-seconds %g" % (run.wall, args.jq_max_seconds)
            log("  jq: not timed at this size (%s)" % entry["skipped"])
            continue
        os.unlink(out)
        active.append((name, argv))

    names = [a[0] for a in active]
    for i in range(args.pairs):
        order = active if i % 2 == 0 else list(reversed(active))
        parts = []
        round_others = []
        for name, argv in order:
            out = os.path.join(tmpdir, "out-%s.jsonl" % name)
            err = os.path.join(tmpdir, "err-%s.txt" % name)
            run = run_timed(argv, input_path, out, err, args.timeout)
            check_rc(name, run)
            os.unlink(out)
            e = res["programs"][name]
            e["times"].append(run.wall)
            e["wait4_rss_kib"].append(run.maxrss_kib)
            e.setdefault("others", []).append(run.others)
            OTHERS.append(run.others)
            parts.append("%s %s" % (name, fmt_s(run.wall)))
            round_others.append(run.others)
        ratio = ""
        if "taxa" in names and "floor" in names:
            ratio = "  taxa/floor %.3f" % (res["programs"]["taxa"]["times"][-1] /
                                          res["programs"]["floor"]["times"][-1])
            if "parse" in names:
                own = split_round(res["programs"]["taxa"]["times"][-1], res["programs"]["floor"]["times"][-1],
                                  res["programs"]["parse"]["times"][-1])
                ratio += "  beyond the parse %s" % ("%.3f" % own if own is not None else "n/a")
        log("  round %d/%d: %s%s%s" % (i + 1, args.pairs, ", ".join(parts), ratio, others_note(round_others)))

    for name, e in res["programs"].items():
        if e["times"]:
            med = statistics.median(e["times"])
            e["median_s"] = med
            e["req_per_s"] = n / med
            e["mb_per_s"] = size / 1e6 / med
    if "taxa" in names and "floor" in names:
        ratios = [t / f for t, f in zip(res["programs"]["taxa"]["times"],
                                         res["programs"]["floor"]["times"])]
        res["ratios"] = ratios
        res["ratio_median"] = statistics.median(ratios)
        if "parse" in names:
            times = [res["programs"][p]["times"] for p in ("taxa", "floor", "parse")]
            res["parse_shares"] = [p / f for t, f, p in zip(*times)]
            res["after_parse"] = [x for x in (split_round(*r) for r in zip(*times)) if x is not None]
            res["after_parse_left_out"] = len(times[0]) - len(res["after_parse"])
            res["parse_share_median"] = statistics.median(res["parse_shares"])
            if res["after_parse"]:
                res["after_parse_median"] = statistics.median(res["after_parse"])
    return res


def split_round(taxa, floor, parse):
    """(taxa − parse) ÷ (floor − parse) of one round: taxa's time after the parse both pay, over
    the floor's (serialising the tree). None when the round's floor was not slower than its
    parse alone (noise larger than the floor's serialising)."""
    return (taxa - parse) / (floor - parse) if floor > parse else None


def callgrind_copy(path, tmpdir):
    """A copy of `path` that valgrind 3.19 can read: without debug sections (its DWARF 5 reader
    gives up on the C parts' debug info), symbols kept. The original if objcopy is missing."""
    objcopy = shutil.which("objcopy")
    if objcopy is None:
        return path
    dst = path + ".nodebug"   # beside it: the run path may be relative to the binary
    r = subprocess.run([objcopy, "--strip-debug", path, dst], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return dst if r.returncode == 0 else path


def callgrind_ir(valgrind, argv, input_path, out_file, tmpdir, timeout):
    """Instructions executed by `argv` on `input_path` (callgrind's "Collected" total)."""
    err = os.path.join(tmpdir, "callgrind-err.txt")
    cmd = [valgrind, "--tool=callgrind", "--callgrind-out-file=%s" % out_file] + argv
    run = run_timed(cmd, input_path, os.devnull, err, timeout)
    with open(err, encoding="utf-8", errors="replace") as f:
        text = f.read()
    m = re.search(r"Collected\s*:\s*(\d+)", text)
    if run.returncode != 0 or not m:
        raise HarnessError("callgrind failed on %s (status %d):\n%s" % (shlex.join(argv), run.returncode, text[-1500:]))
    return int(m.group(1))


def measure_callgrind(args, valgrind, inputs, taxa, floor, tariff_root, tmpdir, keepdir):
    """Per input kind: instructions per request of taxa and the floor, from the first CG_SHORT
    and CG_LONG requests of the same file: (Ir_long - Ir_short) / (CG_LONG - CG_SHORT), which
    leaves out start-up. taxa's profile of the long run is kept for callgrind_annotate."""
    log("")
    log("== instructions per request (callgrind, requests %d-%d of each input) ==" % (CG_SHORT + 1, CG_LONG))
    taxa_cg = callgrind_copy(taxa, tmpdir)
    os.makedirs(keepdir, exist_ok=True)
    res = {}
    for kind, path in inputs:
        short = os.path.join(tmpdir, "cg-%s-short.jsonl" % kind)
        long_ = os.path.join(tmpdir, "cg-%s-long.jsonl" % kind)
        with open(path, "rb") as f, open(short, "wb") as s, open(long_, "wb") as l:
            for number, line in enumerate(f):
                if number >= CG_LONG:
                    break
                if number < CG_SHORT:
                    s.write(line)
                l.write(line)
        entry = {}
        programs = [("taxa", [taxa_cg, "--tariffs", tariff_root]), ("floor", [floor])]
        if args.parse_floor:
            programs.append(("parse", [floor, "--parse-only"]))
        for name, argv in programs:
            keep = os.path.join(keepdir, "callgrind.%s.%s.out" % (name, kind))
            a = callgrind_ir(valgrind, argv, short, os.devnull if name != "taxa" else os.path.join(tmpdir, "cg-short.out"),
                             tmpdir, args.timeout)
            b = callgrind_ir(valgrind, argv, long_, keep, tmpdir, args.timeout)
            entry[name] = {"short": a, "long": b, "per_request": (b - a) / (CG_LONG - CG_SHORT),
                           "startup": a - CG_SHORT * (b - a) / (CG_LONG - CG_SHORT)}
        entry["ratio"] = entry["taxa"]["per_request"] / entry["floor"]["per_request"]
        res[kind] = entry
        log("  %-8s taxa %s, floor %s instructions per request (%.3f); taxa start-up ~%.1f M instructions%s" % (
            kind, fmt_int(int(entry["taxa"]["per_request"])), fmt_int(int(entry["floor"]["per_request"])),
            entry["ratio"], entry["taxa"]["startup"] / 1e6,
            "; the floor's parse alone %s" % fmt_int(int(entry["parse"]["per_request"])) if "parse" in entry else ""))
    log("  profiles of taxa: %s/callgrind.taxa.KIND.out (callgrind_annotate FILE | swift demangle)" %
        os.path.relpath(keepdir, REPO))
    return res


def measure_startup(args, taxa, roots, tmpdir, hyperfine):
    """Start-up with each of `roots` ((label, path)): one process, one request."""
    results = []
    req = os.path.join(tmpdir, "startup-request.jsonl")
    with open(req, "w", encoding="utf-8") as f:
        f.write(json.dumps(STARTUP_REQUEST) + "\n")
    for label, root in roots:
        log("")
        log("== start-up: one request, %s ==" % label)
        argv = [taxa, "--tariffs", root]
        out = os.path.join(tmpdir, "startup-out.jsonl")
        err = os.path.join(tmpdir, "startup-err.txt")
        res = {"label": label, "runs": args.startup_runs, "request": STARTUP_REQUEST}
        first = run_timed(argv, req, out, err, args.timeout)
        check_rc("taxa (start-up)", first)
        with open(out, "rb") as f:
            answer = f.read()
        res["answer"] = answer.decode("utf-8", errors="replace").strip()
        res["answer_ok"] = answer.count(b"\n") == 1 and not OK_FALSE_RE.search(answer)
        log("  answer: %s" % res["answer"][:200])
        if not res["answer_ok"]:
            log("  ** expected exactly one line without \"ok\":false")
        for _ in range(3):
            run_timed(argv, req, out, err, args.timeout)
        times = []
        for _ in range(args.startup_runs):
            r = run_timed(argv, req, out, err, args.timeout)
            check_rc("taxa (start-up)", r)
            times.append(r.wall)
        res["python_times"] = times
        res["python_median_s"] = statistics.median(times)
        log("  python loop: median %s over %d runs (min %s, max %s)" % (
            fmt_s(res["python_median_s"]), len(times), fmt_s(min(times)), fmt_s(max(times))))
        if hyperfine:
            hf_json = os.path.join(tmpdir, "hyperfine-startup.json")
            shell_cmd = "%s < %s" % (shlex.join(argv), shlex.quote(req))
            cmd = [hyperfine, "--style", "basic", "--warmup", "3", "--runs", str(args.startup_runs),
                   "--export-json", hf_json, "--command-name", "taxa start-up", shell_cmd]
            r = run_group(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if r.returncode == 0:
                with open(hf_json, encoding="utf-8") as f:
                    hf = json.load(f)["results"][0]
                res["hyperfine_median_s"] = hf["median"]
                log("  hyperfine:   median %s over %d runs (shell spawn time subtracted)" % (
                    fmt_s(hf["median"]), len(hf["times"])))
            else:
                log("  hyperfine failed (status %d):\n%s" % (r.returncode, r.stdout.decode(errors="replace")[-2000:]))
        res["median_s"] = res.get("hyperfine_median_s", res["python_median_s"])
        res["median_source"] = "hyperfine" if "hyperfine_median_s" in res else "python loop"
        results.append(res)
    return results


def measure_jobs(args, taxa, tariff_root, input_path, n, tmpdir, baseline_sha):
    log("")
    log("== --jobs 1 vs --jobs 2, mix, N = %s ==" % fmt_int(n))
    variants = [("jobs1", [taxa, "--tariffs", tariff_root, "--jobs", "1"]),
                ("jobs2", [taxa, "--tariffs", tariff_root, "--jobs", "2"])]
    res = {"n": n, "nproc": os.cpu_count(), "variants": {}, "notes": []}
    for name, argv in variants:
        out = os.path.join(tmpdir, "out-%s.jsonl" % name)
        err = os.path.join(tmpdir, "err-%s.txt" % name)
        run, rss = run_with_gnu_time(argv, input_path, out, err, args.timeout, args.time_bin)
        check_rc("taxa --jobs", run)
        scan = scan_output(out, want_ok_false=True)
        os.unlink(out)
        same = baseline_sha is None or scan["sha256"] == baseline_sha
        res["variants"][name] = {"argv": argv, "times": [], "cpu": [], "rss_kib": rss,
                                 "lines": scan["lines"], "ok_false": scan["ok_false"],
                                 "same_as_default": same}
        log("  %s sanity run: %s lines, peak RSS %.1f MiB, output %s" % (
            name, fmt_int(scan["lines"]), mib(rss) if rss else float("nan"),
            "identical to taxa without --jobs" if baseline_sha and same else
            ("not compared" if baseline_sha is None else "** DIFFERS from taxa without --jobs")))
        if scan["lines"] != n:
            res["notes"].append("%s: %s lines, expected %s" % (name, fmt_int(scan["lines"]), fmt_int(n)))
        if not same:
            res["notes"].append("%s output differs from taxa without --jobs (order?)" % name)
    for i in range(args.pairs):
        order = variants if i % 2 == 0 else list(reversed(variants))
        parts = []
        round_others = []
        for name, argv in order:
            out = os.path.join(tmpdir, "out-%s.jsonl" % name)
            err = os.path.join(tmpdir, "err-%s.txt" % name)
            run = run_timed(argv, input_path, out, err, args.timeout)
            check_rc("taxa --jobs", run)
            os.unlink(out)
            v = res["variants"][name]
            v["times"].append(run.wall)
            v["cpu"].append(run.user + run.sys)
            OTHERS.append(run.others)
            round_others.append(run.others)
            parts.append("%s %s (cpu %.0f %%)" % (name, fmt_s(run.wall), 100 * (run.user + run.sys) / run.wall))
        log("  round %d/%d: %s%s" % (i + 1, args.pairs, ", ".join(parts), others_note(round_others)))
    for v in res["variants"].values():
        v["median_s"] = statistics.median(v["times"])
        v["req_per_s"] = n / v["median_s"]
    res["speedup"] = res["variants"]["jobs1"]["median_s"] / res["variants"]["jobs2"]["median_s"]
    log("  speed-up jobs2 vs jobs1: %.2fx" % res["speedup"])
    return res


# --------------------------------------------------------------------------
# summary

def status(ok):
    return "PASS" if ok else "FAIL"


def summary_markdown(args, env, results, callgrind, startups, jobs, jobs_state, notes):
    L = []
    L.append("## taxa benchmark results")
    L.append("")
    L.append("%s; %s; %s cores; %s; %sjansson %s; %s; %s pairs, seed %d%s." % (
        env["date"], env["cpu"], env["nproc"], env["swift"], (env["taxa"] + "; ") if env["taxa"] else "",
        env["jansson"], env["jq"],
        args.pairs, args.seed, " (QUICK MODE: smoke run, not comparable with the targets)" if args.quick else ""))
    L.append("")
    L.append("One tariff root: Tariffs/ and the reference tariffs of Fixtures/reference-tariffs/, "
             "with the example PKV values. The mix: %s." % env.get("mix", "?"))
    if env.get("others"):
        L.append("")
        L.append("Machine load: %s." % env["others"])
    L.append("")
    L.append("### Throughput and taxa ÷ floor (median of %d alternating rounds, on the same files)" % args.pairs)
    L.append("")
    L.append("| input | N | MB | taxa | floor | jq | taxa ÷ floor (min–max) | taxa peak RSS | `\"ok\":false` (expected) |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        cells = []
        for name in ("taxa", "floor", "jq"):
            e = r["programs"].get(name)
            if not e:
                cells.append("-")
            elif e["times"]:
                cells.append("%s (%s req/s)" % (fmt_s(e["median_s"]), fmt_rate(e["req_per_s"])))
            else:
                cells.append("not timed")
        ratio = "%.3f (%.3f–%.3f)" % (r["ratio_median"], min(r["ratios"]), max(r["ratios"])) if "ratio_median" in r else "-"
        t = r["programs"].get("taxa")
        rss = "%.1f MiB" % mib(t["rss_kib"]) if t and t["rss_kib"] else "-"
        okf = "%s (%s)" % (fmt_int(t["ok_false"] or 0), fmt_int(r["expected_invalid"])) if t else "-"
        L.append("| %s | %s | %.1f | %s | %s | %s | %s | %s | %s |" % (
            KIND_NAMES.get(r["kind"], r["kind"]), fmt_int(r["n"]), r["input_bytes"] / 1e6,
            cells[0], cells[1], cells[2], ratio, rss, okf))
    L.append("")
    if callgrind:
        L.append("### Instructions per request (callgrind, requests %d–%d of each input)" % (CG_SHORT + 1, CG_LONG))
        L.append("")
        parse = all("parse" in e for e in callgrind.values())
        L.append("| input | taxa | floor | taxa ÷ floor |%s" % (" floor's parse alone | taxa beyond the parse ÷ floor's |" if parse else ""))
        L.append("|---|---:|---:|---:|%s" % ("---:|---:|" if parse else ""))
        for kind, e in callgrind.items():
            extra = ""
            if parse:
                p = e["parse"]["per_request"]
                extra = " %s | %s |" % (fmt_int(int(p)), "%.3f" % ((e["taxa"]["per_request"] - p) / (e["floor"]["per_request"] - p))
                                         if e["floor"]["per_request"] > p else "n/a")
            L.append("| %s | %s | %s | %.3f |%s" % (KIND_NAMES.get(kind, kind), fmt_int(int(e["taxa"]["per_request"])),
                                                   fmt_int(int(e["floor"]["per_request"])), e["ratio"], extra))
        L.append("")
    split = [r for r in results if "parse_share_median" in r]
    if split:
        L.append("### Where the time goes (`--parse-floor`, median of the rounds)")
        L.append("")
        L.append("The floor's parse alone (`floor --parse-only`: read, parse, free, write the line back) is the "
                 "part of the floor's work taxa does too. Its share of the floor's time is what taxa ÷ floor "
                 "would be if everything after jansson's parse cost taxa nothing; (taxa − parse) ÷ (floor − "
                 "parse), per round, is taxa's time beyond it over the floor's (serialising the tree, or "
                 "building the error object of a line that is not JSON). Both lean one way: taxa's parse "
                 "keeps its tree in an arena and costs less than the floor's (`malloc` and `free` per "
                 "value), so taxa could go somewhat below the first figure, and the second credits taxa's "
                 "own code with that saving. A round whose floor was not slower than its parse alone has no second figure and "
                 "is left out of it (counted).")
        L.append("")
        L.append("| input | N | taxa ÷ floor | parse alone ÷ floor | taxa beyond the parse ÷ floor's (min–max) |")
        L.append("|---|---:|---:|---:|---:|")
        for r in split:
            after = ("%.3f (%.3f–%.3f)" % (r["after_parse_median"], min(r["after_parse"]), max(r["after_parse"]))
                     if "after_parse_median" in r else "n/a")
            if r.get("after_parse_left_out"):
                after += ", %d round%s left out" % (r["after_parse_left_out"], "" if r["after_parse_left_out"] == 1 else "s")
            L.append("| %s | %s | %.3f | %.3f | %s |" % (KIND_NAMES.get(r["kind"], r["kind"]), fmt_int(r["n"]),
                                                         r["ratio_median"], r["parse_share_median"], after))
        L.append("")

    L.append("### Targets")
    L.append("")
    L.append("| target | goal | measured | status |")
    L.append("|---|---|---|---|")
    mix = {r["n"]: r for r in results if r["kind"] == "mix"}
    r = mix.get(TARGET_MIX_RATIO_N) or (mix[max(mix)] if mix and args.quick else None)
    if r and "ratio_median" in r:
        v = r["ratio_median"]
        st = status(v <= TARGET_MIX_RATIO) + (" (stretch met)" if v <= TARGET_MIX_RATIO_STRETCH else " (stretch not met)")
        L.append("| one worker, taxa ÷ floor on the mix at %s | ≤ %.2f (stretch ≤ %.2f) | %.3f | %s |" % (
            fmt_int(r["n"]), TARGET_MIX_RATIO, TARGET_MIX_RATIO_STRETCH, v, st))
    else:
        L.append("| one worker, taxa ÷ floor on the mix | ≤ %.2f | not measured | n/a |" % TARGET_MIX_RATIO)
    # The larger mixes too (1 000 000 by default): the figure must hold however long the stream.
    for n in sorted(x for x in mix if x > TARGET_MIX_RATIO_N and "ratio_median" in mix[x] and not (r and x == r["n"])):
        v = mix[n]["ratio_median"]
        L.append("| one worker, taxa ÷ floor on the mix at %s | ≤ %.2f | %.3f | %s |" % (
            fmt_int(n), TARGET_MIX_RATIO, v, status(v <= TARGET_MIX_RATIO)))
    for kind in TARGET_KINDS:
        rk = next((x for x in results if x["kind"] == kind), None)
        if rk and "ratio_median" in rk:
            L.append("| one worker, taxa ÷ floor, %s at %s | ≤ %.2f | %.3f | %s |" % (
                KIND_NAMES[kind], fmt_int(rk["n"]), TARGET_KIND_RATIO, rk["ratio_median"],
                status(rk["ratio_median"] <= TARGET_KIND_RATIO)))
        else:
            L.append("| one worker, taxa ÷ floor, %s | ≤ %.2f | not measured | n/a |" % (KIND_NAMES[kind], TARGET_KIND_RATIO))
    big = mix.get(TARGET_RSS_N)
    rss_big = big["programs"]["taxa"]["rss_kib"] if big and "taxa" in big["programs"] else None
    if rss_big:
        L.append("| taxa peak RSS, mix at %s | ≤ %.0f MiB | %.1f MiB | %s |" % (
            fmt_int(TARGET_RSS_N), TARGET_RSS_MIB, mib(rss_big), status(mib(rss_big) <= TARGET_RSS_MIB)))
    else:
        L.append("| taxa peak RSS, mix at %s | ≤ %.0f MiB | not measured | n/a |" % (fmt_int(TARGET_RSS_N), TARGET_RSS_MIB))
    small = mix.get(TARGET_RSS_BASE_N)
    rss_small = small["programs"]["taxa"]["rss_kib"] if small and "taxa" in small["programs"] else None
    if rss_big and rss_small:
        growth = rss_big / rss_small - 1
        L.append("| taxa peak RSS growth, mix %s → %s | ≤ +%.0f %% | %+.1f %% (%.1f → %.1f MiB) | %s |" % (
            fmt_int(TARGET_RSS_BASE_N), fmt_int(TARGET_RSS_N), TARGET_RSS_GROWTH * 100, growth * 100,
            mib(rss_small), mib(rss_big), status(growth <= TARGET_RSS_GROWTH)))
    for s in startups or []:
        ms = s["median_s"] * 1000
        goal = "≤ %.0f ms" % TARGET_STARTUP_MS if s is startups[0] else "reported"
        st = status(ms <= TARGET_STARTUP_MS) if s is startups[0] else ""
        L.append("| start-up, one request, %s (median of %d, %s) | %s | %.1f ms | %s |" % (
            s["label"], s["runs"], s["median_source"], goal, ms, st))
    if not startups:
        L.append("| start-up, one request, merged root | ≤ %.0f ms | not measured | n/a |" % TARGET_STARTUP_MS)
    if jobs:
        same = all(v["same_as_default"] for v in jobs["variants"].values())
        L.append("| --jobs 2 ÷ one worker, mix at %s (%d cores) | ≥ %.1f×, output identical | %.2f× (%s → %s), %s | %s |" % (
            fmt_int(jobs["n"]), jobs["nproc"], TARGET_JOBS_SPEEDUP, jobs["speedup"],
            fmt_s(jobs["variants"]["jobs1"]["median_s"]), fmt_s(jobs["variants"]["jobs2"]["median_s"]),
            "output identical" if same else "**output differs**",
            status(jobs["speedup"] >= TARGET_JOBS_SPEEDUP and same)))
    else:
        L.append("| --jobs 2 ÷ one worker | ≥ %.1f× | n/a (%s) | n/a |" % (TARGET_JOBS_SPEEDUP, jobs_state))
    bad = [r for r in results if "taxa" in r["programs"] and r["programs"]["taxa"]["ok_false"] is not None
           and r["programs"]["taxa"]["ok_false"] != r["expected_invalid"]]
    if any("taxa" in r["programs"] for r in results):
        L.append('| `"ok":false` lines = invalid requests generated, every input | equal | %s | %s |' % (
            "equal" if not bad else ", ".join("%s N=%s: %s ≠ %s" % (b["kind"], fmt_int(b["n"]),
                                                                      fmt_int(b["programs"]["taxa"]["ok_false"]),
                                                                      fmt_int(b["expected_invalid"])) for b in bad),
            status(not bad)))
    if notes:
        L.append("")
        L.append("Notes:")
        L.append("")
        for n in notes:
            L.append("- " + n)
    if any(n.startswith("**ERROR**") for n in notes):
        L = [x.replace("| not measured | n/a |", "| not measured: see ERROR below | n/a |") for x in L]
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="benchmarks/run",
        description="Benchmark taxa against a jansson floor program and jq on a mixed workload and on "
                    "each kind of request. See benchmarks/README.md.")
    ap.add_argument("--sizes", help="comma-separated request counts of the mixed workload (default "
                    "10000,200000,1000000; underscores and spaces allowed, e.g. 10_000)")
    ap.add_argument("--kinds", help="kinds measured on their own, comma-separated (default %s; "
                    "'none' for none)" % ",".join(DEFAULT_KINDS))
    ap.add_argument("--kind-size", type=int, help="requests per kind on its own (default %d)" % DEFAULT_KIND_SIZE)
    ap.add_argument("--pairs", type=int, help="alternating timed rounds per input (default 5)")
    ap.add_argument("--quick", action="store_true",
                    help="fast smoke run: mix 1000,10000, kinds at 5000, 3 rounds, 10 start-up runs")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed (default %d)" % DEFAULT_SEED)
    ap.add_argument("--skip-jq-large", action="store_true",
                    help="do not run jq for N >= --jq-large-n (default 1000000)")
    ap.add_argument("--jq-large-n", type=int, default=1_000_000, help=argparse.SUPPRESS)
    ap.add_argument("--jq-max-seconds", type=float, default=60.0,
                    help="if jq's sanity run on an input takes longer, jq is not timed on it (default 60)")
    ap.add_argument("--skip-jq", action="store_true", help="do not run jq at all")
    ap.add_argument("--skip-startup", action="store_true", help="skip the start-up measurement")
    ap.add_argument("--parse-floor", action="store_true",
                    help="also time the floor's parse alone (floor --parse-only) in every round and count its "
                         "instructions, splitting taxa ÷ floor into the parse both pay and the work after it")
    ap.add_argument("--skip-jobs", action="store_true", help="skip the --jobs measurement")
    ap.add_argument("--skip-callgrind", action="store_true", help="skip the instruction counts (callgrind)")
    ap.add_argument("--jobs-size", type=int, help="N of the mix for the --jobs comparison (default the largest size)")
    ap.add_argument("--startup-runs", type=int, help="runs for the start-up median (default 20)")
    ap.add_argument("--taxa", help="use this taxa binary instead of building one")
    ap.add_argument("--no-build", action="store_true",
                    help="do not build; use the existing .build-pgo/release/taxa (with --plain-build: "
                         ".build/release/taxa)")
    ap.add_argument("--plain-build", action="store_true",
                    help="benchmark the plain release build rather than the profile-guided one "
                         "(scripts/build-pgo, as scripts/package ships it)")
    ap.add_argument("--skip-taxa", action="store_true",
                    help="benchmark only floor and jq (to test the harness while taxa does not build)")
    ap.add_argument("--tariffs", default=os.path.join(REPO, "Tariffs"),
                    help="shipped tariff root (default Tariffs/)")
    ap.add_argument("--reference", default=os.path.join(REPO, "Fixtures", "reference-tariffs"),
                    help="reference tariff root whose tariff folders join the root (default "
                         "Fixtures/reference-tariffs/; '' for none)")
    ap.add_argument("--pkv", default=os.path.join(REPO, "Fixtures", "indices", "pkv-example.json"),
                    help="PKV index file put into the temporary tariff root "
                         "(default Fixtures/indices/pkv-example.json)")
    ap.add_argument("--work-dir", default=os.environ.get("TAXA_BENCH_WORK", os.path.join(REPO, ".build", "benchmarks")),
                    help="build products, input cache and results (default .build/benchmarks; "
                         "env TAXA_BENCH_WORK)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before one program run is killed (default 1800)")
    ap.add_argument("--summary-out", help="also write the Markdown summary to this file")
    args = ap.parse_args(argv)

    if args.sizes:
        try:
            args.sizes = [int(s.replace("_", "").replace(" ", "")) for s in args.sizes.split(",") if s.strip()]
        except ValueError:
            ap.error("--sizes must be comma-separated integers")
    else:
        args.sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES
    if not args.sizes or any(n < 1 for n in args.sizes):
        ap.error("--sizes must be positive integers")
    if args.kinds is None:
        args.kinds = list(DEFAULT_KINDS)
    elif args.kinds.strip() in ("", "none"):
        args.kinds = []
    else:
        args.kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
        unknown = [k for k in args.kinds if k not in KIND_NAMES or k == "mix"]
        if unknown:
            ap.error("--kinds: unknown %s (known: %s)" % (", ".join(unknown), ", ".join(DEFAULT_KINDS)))
    if args.kind_size is None:
        args.kind_size = QUICK_KIND_SIZE if args.quick else DEFAULT_KIND_SIZE
    if args.kind_size < 1:
        ap.error("--kind-size must be positive")
    if args.pairs is None:
        args.pairs = 3 if args.quick else 5
    if args.pairs < 1:
        ap.error("--pairs must be >= 1")
    if args.startup_runs is None:
        args.startup_runs = 10 if args.quick else 20
    if args.jobs_size is None:
        args.jobs_size = max(args.sizes)
    args.tariffs_shipped = os.path.abspath(args.tariffs)
    return args


def main(argv):
    args = parse_args(argv)
    # SIGTERM/SIGHUP: unwind normally so the temp dir is removed
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))

    os.makedirs(args.work_dir, exist_ok=True)
    cachedir = os.path.join(args.work_dir, "inputs")
    os.makedirs(cachedir, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="run-", dir=args.work_dir)
    try:
        return run_all(args, cachedir, tmpdir)
    except HarnessError as e:
        print("\nbenchmarks/run: error: %s" % e, file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        print("\nbenchmarks/run: interrupted", file=sys.stderr, flush=True)
        return 130
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def run_all(args, cachedir, tmpdir):
    t_start = time.perf_counter()
    if args.pairs < 5 and not args.quick:
        log("warning: --pairs %d < 5: the ratio targets ask for at least 5 pairs" % args.pairs)
    log("== setup ==")
    time_bin = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    if time_bin is None:
        log("  /usr/bin/time not found (apt-get install time): peak RSS taken from wait4() instead")
    args.time_bin = time_bin
    jq = None if args.skip_jq else find_tool("jq", False)
    if jq is None and not args.skip_jq:
        log("  jq not found: jq column skipped (apt-get install jq)")
    hyperfine = find_tool("hyperfine", False)
    valgrind = None if args.skip_callgrind else find_tool("valgrind", False)
    if valgrind is None and not args.skip_callgrind:
        log("  valgrind not found: no instruction counts (apt-get install valgrind)")
    floor = build_floor(args.work_dir)
    taxa = None
    jobs_state = "skipped (--skip-taxa)"
    tariff_root = None
    if not args.skip_taxa:
        built = build_taxa(args, args.work_dir)
        taxa = snapshot_binary(built, tmpdir)
        with open(taxa, "rb") as f:
            taxa_sha = hashlib.sha256(f.read()).hexdigest()
        taxa_built = datetime.datetime.fromtimestamp(os.path.getmtime(taxa)).strftime("%Y-%m-%d %H:%M:%S")
        log("  taxa: %s, copied to %s (sha256 %s…, built %s)" % (built, taxa, taxa_sha[:12], taxa_built))
        tariff_root = make_tariff_root(args, tmpdir)
        log("  temporary tariff root: %s (Tariffs/ + %s, PKV from %s)" % (
            tariff_root, os.path.relpath(args.reference, REPO) if args.reference else "nothing",
            os.path.relpath(args.pkv, REPO)))
        has_jobs, jobs_state = detect_jobs(taxa, tariff_root)
        log("  taxa --jobs: %s" % (jobs_state if has_jobs else jobs_state + " -> n/a"))
        if args.skip_jobs:
            jobs_state = "skipped (--skip-jobs)"
    env = {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpu": platform.processor() or platform.machine(),
        "nproc": os.cpu_count(),
        "swift": tool_version(["swift", "--version"]) if taxa and not args.taxa else
                 ("prebuilt taxa" if args.taxa else "taxa not run"),
        "jansson": tool_version(["pkg-config", "--modversion", "jansson"]),
        "jq": tool_version([jq, "--version"]) if jq else "no jq",
        "taxa": ("taxa %s, sha256 %s…, built %s" % (getattr(args, "build_kind", "binary"), taxa_sha[:12], taxa_built))
                if taxa else "",
    }
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    env["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    log("  %s, %s cores, %s, jansson %s, %s" % (env["cpu"], env["nproc"], env["swift"], env["jansson"], env["jq"]))

    programs = []
    if taxa:
        programs.append(("taxa", [taxa, "--tariffs", tariff_root]))
    programs.append(("floor", [floor]))
    if args.parse_floor:
        programs.append(("parse", [floor, "--parse-only"]))
    if jq:
        # `jq -c .` stops at the first line that is not JSON (the mix has some): read lines raw
        # and parse each, printing a small error object for a broken one, as the floor does.
        programs.append(("jq", [jq, "-cR", JQ_PROGRAM]))

    # inputs: the mix at every size, then each kind at --kind-size
    plan = [("mix", n) for n in sorted(set(args.sizes))] + [(k, args.kind_size) for k in args.kinds]
    inputs = {}
    for kind, n in plan:
        inputs[(kind, n)] = ensure_input(args, cachedir, kind, n)
    mix_manifest = next((m for (k, n), (p, m) in sorted(inputs.items(), key=lambda x: -x[0][1]) if k == "mix"), None)
    if mix_manifest:
        env["mix"] = ", ".join("%s %.1f %%" % (k, 100.0 * v / mix_manifest["count"])
                               for k, v in sorted(mix_manifest["kinds"].items(), key=lambda x: -x[1]))

    results = []
    notes = [args.build_note] if getattr(args, "build_note", None) else []
    errors = []

    def phase_failed(what, err):
        # a failing phase does not throw away the figures of the others
        text = str(err)
        log("  ** %s failed: %s" % (what, text))
        first = text.split("\n")
        short = first[0] + ((" / " + first[1].strip()) if len(first) > 1 else "")
        errors.append("**ERROR** %s: %s" % (what, short[:400]))

    for kind, n in plan:
        path, manifest = inputs[(kind, n)]
        label = "%s-%d" % (kind, n)
        try:
            r = measure_input(args, label, kind, n, path, manifest, programs, tmpdir)
        except HarnessError as e:
            phase_failed("%s N=%s" % (kind, fmt_int(n)), e)
            continue
        results.append(r)
        notes.extend(r["notes"])
        for name, e in r["programs"].items():
            if name == "jq" and e["skipped"]:
                notes.append("jq on %s N=%s: %s" % (kind, fmt_int(n), e["skipped"]))

    callgrind = None
    if taxa and valgrind:
        cg_inputs = []
        mixes = sorted(n for (k, n) in inputs if k == "mix")
        if mixes:
            cg_inputs.append(("mix", inputs[("mix", mixes[-1])][0]))
        cg_inputs += [(k, inputs[(k, args.kind_size)][0]) for k in args.kinds]
        try:
            callgrind = measure_callgrind(args, valgrind, cg_inputs, taxa, floor, tariff_root, tmpdir,
                                          os.path.join(args.work_dir, "last-callgrind"))
        except HarnessError as e:
            phase_failed("callgrind", e)

    startups = None
    if taxa and not args.skip_startup:
        try:
            startups = measure_startup(args, taxa, [("merged root", tariff_root), ("shipped Tariffs/", args.tariffs_shipped)],
                                       tmpdir, hyperfine)
        except HarnessError as e:
            phase_failed("start-up measurement", e)
        for s in startups or []:
            if not s["answer_ok"]:
                notes.append("start-up request answer (%s) was not one ok line: `%s`" % (s["label"], s["answer"][:200]))

    jobs = None
    if taxa and jobs_state == "supported":
        n = args.jobs_size
        try:
            path = (inputs.get(("mix", n)) or ensure_input(args, cachedir, "mix", n))[0]
            baseline = next((r["programs"]["taxa"].get("sha256") for r in results
                             if r["kind"] == "mix" and r["n"] == n), None)
            if baseline is None:
                out = os.path.join(tmpdir, "out-taxa-default.jsonl")
                run = run_timed([taxa, "--tariffs", tariff_root], path, out,
                                os.path.join(tmpdir, "err-taxa-default.txt"), args.timeout)
                check_rc("taxa", run)
                baseline = scan_output(out)["sha256"]
                os.unlink(out)
            jobs = measure_jobs(args, taxa, tariff_root, path, n, tmpdir, baseline)
            notes.extend(jobs["notes"])
        except HarnessError as e:
            phase_failed("--jobs measurement", e)
            jobs_state = "measurement failed, see notes"

    if args.skip_taxa:
        notes.append("taxa was not run (--skip-taxa): only floor and jq figures")
    if args.quick:
        notes.append("quick mode: sizes and pair counts are too small to judge the targets")

    vals = [v for v in OTHERS if v is not None]
    if vals:
        env["others"] = "other processes used %.2f cores on average (max %.2f) during the %d timed runs" % (
            statistics.mean(vals), max(vals), len(vals))
        log("")
        log("machine load: " + env["others"])
        if statistics.mean(vals) >= OTHERS_WARN_MEAN or max(vals) >= OTHERS_WARN_ROUND:
            notes.append("the machine was busy: %s; medians resist some of that, but compare the "
                         "min/max ratios and the instruction counts, and rerun on an idle machine if in doubt" % env["others"])
    notes = errors + notes
    md = summary_markdown(args, env, results, callgrind, startups, jobs, jobs_state, notes)
    log("")
    log("=" * 72)
    log(md)
    raw = {"env": env, "args": {k: v for k, v in vars(args).items() if isinstance(v, (int, float, str, list, bool, type(None)))},
           "results": results, "callgrind": callgrind, "startup": startups, "jobs": jobs, "jobs_state": jobs_state,
           "notes": notes, "errors": errors}
    res_json = os.path.join(args.work_dir, "last-results.json")
    res_md = os.path.join(args.work_dir, "last-summary.md")
    with open(res_json, "w", encoding="utf-8") as f:
        json.dump(raw, f, indent=1, ensure_ascii=False)
    with open(res_md, "w", encoding="utf-8") as f:
        f.write(md)
    if args.summary_out:
        with open(args.summary_out, "w", encoding="utf-8") as f:
            f.write(md)
    log("raw results: %s, summary: %s (total %.0f s)" % (
        os.path.relpath(res_json, REPO), os.path.relpath(res_md, REPO), time.perf_counter() - t_start))
    if errors:
        print("benchmarks/run: %d measurement(s) failed, see the notes above" % len(errors),
              file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
