#!/usr/bin/env python3
"""Summarises a dotnet-trace thread-time trace (converted to Speedscope JSON) as busy-time shares per frame.

usage: summarize.py trace.speedscope.json [only-stacks-containing] [exclusive-rows] [inclusive-rows]

The sampled-thread-time profile records every thread, idle or not; time whose innermost frames are a wait (thread-pool
semaphores, Monitor.Wait, socket polls, the SQLite driver inside sqlite3_step/fsync) is dropped, so the shares are of
the time threads were running .NET code. Inclusive shares only: the profile's innermost frame is a CPU_TIME marker.

Monitor.Enter_Slowpath is not a measure of lock contention here: the sampler suspends the runtime for every sample,
and a thread that reaches Monitor.Enter while a suspension is pending takes the slow path and waits in it until the
runtime resumes. Its share is printed apart below; bench/profile/locks-silo.sh gives the contended acquisitions per
second and the on-CPU share of lock frames (perf) for the same load.
"""
import json,sys,collections
d=json.load(open(sys.argv[1]))
frames=[f['name'] for f in d['shared']['frames']]
if not any('CoreLib!' in f for f in frames):
    print("summarize: the trace has no method names: the silo exited before the trace's rundown (the load ended"
          " first); profile for fewer seconds than the load lasts", file=sys.stderr)
WAIT=('WaitForSignal','WaitOneNoCheck','Monitor.Wait','ManualResetEventSlim.Wait','WaitNative','LowLevelLifoSemaphore.Wait','SpinWait','PollGC','epoll','Thread.Sleep','NextResult','sqlite3_step','ReleaseSemaphore','SpinOnce','LowLevelSpinWaiter','UNMANAGED_CODE_TIME','Socket','Poll','Interop+Sys.Read','WaitHandle')
only=sys.argv[2] if len(sys.argv)>2 and sys.argv[2] else None
incl=collections.Counter(); excl=collections.Counter(); total=0.0
for p in d['profiles']:
    stack=[]; last=None
    for e in p['events']:
        t=e['at']
        if last is not None and stack and t>last:
            names=[frames[i] for i in stack]
            dt=t-last
            top=names[-4:]
            if not any(any(x in n for x in WAIT) for n in top) and (not only or any(only in n for n in names)):
                total+=dt; excl[names[-1]]+=dt
                for n in set(names): incl[n]+=dt
        last=t
        if e['type']=='O': stack.append(e['frame'])
        else:
            if stack and stack[-1]==e['frame']: stack.pop()
            elif e['frame'] in stack:
                i=len(stack)-1-stack[::-1].index(e['frame']); del stack[i:]
print("running ms",round(total))
slow=incl.get('System.Private.CoreLib!System.Threading.Monitor.Enter_Slowpath(class System.Object)',0)
if total and slow: print(f"Monitor.Enter_Slowpath {100*slow/total:.1f}% (includes threads parked for the sampler's suspensions: see the docstring)")
print("--- inclusive")
for n,c in incl.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 80): print(f"{100*c/total:5.1f}% {n[:140]}")
