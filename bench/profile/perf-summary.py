#!/usr/bin/env python3
"""Summarises `perf script -F comm,ip,sym` output (gzip or plain) of one process: samples by thread, self time by
function, and inclusive time by function (a function counts once per sample whatever its depth), optionally only
for samples whose stack matches a filter.

usage: perf-summary.py <script.txt[.gz]> [top N] [--thread SUBSTRING] [--match SUBSTRING] [--exclude SUBSTRING]
"""
import gzip
import re
import sys
from collections import Counter


def samples(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", errors="replace") as f:
        comm, frames = None, []
        for line in f:
            if not line.strip():
                if comm is not None:
                    yield comm, frames
                comm, frames = None, []
            elif not line[0].isspace():
                comm, frames = line.strip(), []
            else:
                parts = line.strip().split(" ", 1)
                frames.append(parts[1] if len(parts) > 1 else parts[0])
        if comm is not None:
            yield comm, frames


def short(frame):
    # "instance void [Asm] Ns.Type::Method(args)[OptimizedTier1]" -> "Ns.Type::Method"
    frame = re.sub(r"\[(Optimized|Tier|QuickJitted|Instrumented|PreJIT)[^\]]*\]$", "", frame)
    m = re.search(r"\] (\S+?::[^(]+)\(", frame)
    if m:
        name = m.group(1)
    else:
        name = frame.split("(")[0]
    return re.sub(r"`\d+|\[System.__Canon(,System.__Canon)*\]", "", name)[:150]


OWNERS = ("OrderActors.", "Microsoft.AspNetCore.", "System.Text.Json", "SQLitePCL", "Microsoft.Data.Sqlite", "Dapper",
          "Microsoft.Extensions.", "System.Net.Sockets", "System.IO.Pipelines")


def owner(names):
    for name in names:
        if name.startswith(OWNERS):
            if name.startswith("System.Text.Json"):
                return "System.Text.Json (any)"
            return re.sub(r"<(\w+)>d__\d+::MoveNext", r"\1", name)
    return "(none: " + (names[0] if names else "?") + ")"


def group(names):
    own = owner(names)
    if own == "System.Text.Json (any)":
        caller = next((n for n in names if n.startswith(("OrderActors.", "Microsoft.AspNetCore."))), "")
        return "JSON from " + ".".join(caller.split(".")[:3])
    if own.startswith("(none"):
        text = " ".join(names)
        if "LowLevelLifoSemaphore" in text or "sched_yield" in text or "WorkerThread::" in text:
            return "(thread pool: waiting/spinning)"
        if "ThreadPoolWorkQueue::Dispatch" in text and names and names[0] == "[unknown]":
            return "(runtime native under the thread pool: GC, allocation, stubs)"
        return "(other: " + (names[0] if names else "?")[:40] + ")"
    return ".".join(own.split(".")[:3])


def main():
    args = sys.argv[1:]
    path = args.pop(0)
    top = int(args.pop(0)) if args and args[0].isdigit() else 40
    opts = {}
    while args:
        opts.setdefault(args.pop(0), []).append(args.pop(0))
    threads, selfs, incl, owners, groups = Counter(), Counter(), Counter(), Counter(), Counter()
    total = kept = 0
    for comm, frames in samples(path):
        total += 1
        threads[comm] += 1
        if any(t not in comm for t in opts.get("--thread", [])):
            continue
        text = "\n".join(frames)
        if any(m not in text for m in opts.get("--match", [])):
            continue
        if any(x in text for x in opts.get("--exclude", [])):
            continue
        kept += 1
        names = [short(f) for f in frames]
        if names:
            selfs[names[0]] += 1
        for name in set(names):
            incl[name] += 1
        owners[owner(names)] += 1
        groups[group(names)] += 1
    print(f"{total} samples; {kept} kept by the filters ({100.0 * kept / max(total, 1):.1f}%)")
    print("\n-- threads (% of all samples)")
    for comm, n in threads.most_common(12):
        print(f"{100.0 * n / total:6.2f}%  {comm}")
    print(f"\n-- self (% of all samples), top {top}")
    for name, n in selfs.most_common(top):
        print(f"{100.0 * n / total:6.2f}%  {name}")
    print("\n-- by layer: the owner's namespace; JSON by its caller; samples with no owner by what they are (% of all samples)")
    for name, n in groups.most_common():
        print(f"{100.0 * n / total:6.2f}%  {name}")
    print(f"\n-- by owner: the leaf-most frame of our code, ASP.NET Core, System.Text.Json or the SQLite stack "
          f"(% of all samples), top {top}")
    for name, n in owners.most_common(top):
        print(f"{100.0 * n / total:6.2f}%  {name}")
    print(f"\n-- inclusive (% of all samples), top {top * 2}")
    for name, n in incl.most_common(top * 2):
        print(f"{100.0 * n / total:6.2f}%  {name}")


if __name__ == "__main__":
    main()
