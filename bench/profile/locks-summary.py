#!/usr/bin/env python3
"""Summarises locks-silo.sh's output folder: the silo's contended lock acquisitions and where its CPU really goes.

usage: locks-summary.py <folder with counters.csv and, if perf ran, perf-script.txt>

counters.csv (dotnet-counters, System.Runtime): contended Monitor/Lock acquisitions per second (a thread that had to
wait for a lock held by another), GC pause time per second, thread-pool work items per second.
perf-script.txt (perf record -g, on-CPU samples): the share of samples with a Monitor/Lock frame on the stack, with
Monitor.Enter_Slowpath on the stack, in the JIT, and in sched_yield, and what calls the locks.
"""
import collections, csv, os, sys

folder = sys.argv[1]
series = collections.defaultdict(list)
with open(os.path.join(folder, 'counters.csv')) as f:
    for row in csv.DictReader(f):
        try:
            series[row['Counter Name']].append(float(row['Mean/Increment']))
        except (KeyError, ValueError):
            pass


def line(label, name, fmt):
    values = series.get(name)
    if values:
        print(f"  {label:44} mean {fmt(sum(values) / len(values))}, range {fmt(min(values))}-{fmt(max(values))}"
              f" over {len(values)} s")


print("== runtime counters (dotnet-counters, System.Runtime)")
line("lock contentions per second", 'dotnet.monitor.lock_contentions ({contention} / 1 sec)', lambda v: f"{v:.1f}")
line("GC pause, seconds per second", 'dotnet.gc.pause.time (s / 1 sec)', lambda v: f"{v:.3f}")
line("gen0 collections per second",
     'dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0]', lambda v: f"{v:.1f}")
line("thread-pool work items per second", 'dotnet.thread_pool.work_item.count ({work_item} / 1 sec)',
     lambda v: f"{v:,.0f}")
line("process CPU (user), seconds per second", 'dotnet.process.cpu.time (s / 1 sec)[cpu.mode=user]',
     lambda v: f"{v:.2f}")

path = os.path.join(folder, 'perf-script.txt')
if not os.path.exists(path):
    sys.exit(0)
samples = 0
counts = collections.Counter()
lock_frames = collections.Counter()
callers = collections.Counter()
with open(path) as f:
    blocks = f.read().split('\n\n')
for block in blocks:
    lines = [l.strip() for l in block.strip().split('\n')]
    if len(lines) < 2:
        continue
    samples += 1
    frames = [' '.join(l.split()[1:]) for l in lines[1:]]  # innermost first; drop the address column
    if 'libclrjit' in frames[0]:
        counts['jit'] += 1
    if any('sched_yield' in x for x in frames):
        counts['yield'] += 1
    if any('Enter_Slowpath' in x for x in frames):
        counts['slow'] += 1
    at = [i for i, x in enumerate(frames) if 'System.Threading.Monitor::' in x or 'System.Threading.Lock::' in x]
    if at:
        counts['lock'] += 1
        lock_frames[frames[at[0]].split('(')[0][-70:]] += 1
        above = at[-1] + 1
        callers[frames[above][:130] if above < len(frames) else '?'] += 1
if samples == 0:
    print("== perf: no samples")
    sys.exit(0)


def share(key):
    return f"{counts[key]:6} ({100 * counts[key] / samples:5.2f}%)"


print(f"== on-CPU samples (perf, 499 Hz, no safepoint bias): {samples}")
print(f"  with a Monitor/Lock frame on the stack       {share('lock')}")
print(f"  with Monitor.Enter_Slowpath on the stack     {share('slow')}")
print(f"  innermost frame in the JIT (libclrjit)       {share('jit')}")
print(f"  in sched_yield (spin-waits)                  {share('yield')}")
for name, n in lock_frames.most_common(6):
    print(f"    {n:5} {name}")
print("  callers of the lock frames:")
for name, n in callers.most_common(8):
    print(f"    {n:5} {name}")
