#!/usr/bin/env python3
"""Puts the request path of the load benchmark in the real-time scheduling class.

    realtime-threads.py SECONDS PID... [--pgrep PATTERN]...

For SECONDS, every 0.5 s: each thread of the given processes (and of processes whose command
line matches a PATTERN, found as they start) gets SCHED_RR priority 1, unless it is one of the
JVM's own background threads (the collector, the JIT compilers, the VM thread) or the
appliance's audit shipper and maintenance threads, which go back to SCHED_OTHER if they
inherited the class. A real-time thread runs as soon as it wakes, ahead of every normal one
(Elasticsearch included); the kernel still leaves normal threads 5 % of each second
(/proc/sys/kernel/sched_rt_runtime_us). Whole processes must not be put there: a collector
thread in the class holds its core for a 100 ms round-robin slice against the request
threads of the same priority (proxy/README, session 17: added p99 24 ms).
Needs root (CAP_SYS_NICE). Prints each thread it sees, with the class it gave it.
"""
import os
import re
import subprocess
import sys
import time

# Thread names as /proc shows them: cut to 15 characters.
BACKGROUND = re.compile(r'^(Z|GC |G1 |C1 |C2 |VM |Sweeper|Common-Cleaner|aigov-audit|aigov-journal|'
                        r'Notification|Signal|Finalizer|Reference|JFR|Attach|Service Thread|Monitor Deflat)')


def main(argv):
    end = time.time() + float(argv[0])
    pids, patterns = [], []
    args = iter(argv[1:])
    for arg in args:
        if arg == '--pgrep':
            patterns.append(next(args))
        else:
            pids.append(arg)
    seen = set()
    while time.time() < end:
        found = list(pids)
        for pattern in patterns:
            result = subprocess.run(['pgrep', '-f', pattern], capture_output=True, text=True)
            found += [p for p in result.stdout.split() if int(p) != os.getpid()]
        for pid in found:
            try:
                tids = os.listdir('/proc/%s/task' % pid)
            except FileNotFoundError:
                continue
            for tid in tids:
                if tid in seen:
                    continue
                try:
                    comm = open('/proc/%s/task/%s/comm' % (pid, tid)).read().strip()
                    if BACKGROUND.match(comm):
                        if os.sched_getscheduler(int(tid)) != os.SCHED_OTHER:
                            os.sched_setscheduler(int(tid), os.SCHED_OTHER, os.sched_param(0))
                        policy = 'other'
                    else:
                        os.sched_setscheduler(int(tid), os.SCHED_RR, os.sched_param(1))
                        policy = 'rr'
                except (FileNotFoundError, ProcessLookupError):
                    continue
                seen.add(tid)
                print(pid, tid, comm, policy, flush=True)
        time.sleep(0.5)


if __name__ == '__main__':
    main(sys.argv[1:])
