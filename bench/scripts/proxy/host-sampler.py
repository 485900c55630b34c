#!/usr/bin/env python3
"""Samples the machine every 50 ms while a proxy load benchmark runs, for slow-windows.py.

    bench/scripts/proxy/host-sampler.py OUT SECONDS PROXY_PID [ES_USER]

Each line: epoch microseconds; CPU ticks (1/100 s) of Elasticsearch's processes (those of
ES_USER, default aigov-es, the embedded one's service account) and of the proxy process; the
machine's pressure stall totals in microseconds (/proc/pressure: cpu some, io some, io full);
the disk's counters from /proc/diskstats (writes done, sectors written, ms writing, requests in
flight, flushes done, ms flushing); context switches since boot. Reads only /proc; light enough
to leave running beside the benchmark (about 1 % of a core).
"""
import os
import pwd
import sys
import time

COLUMNS = ('t_us es_ticks proxy_ticks cpu_some_us io_some_us io_full_us writes sectors_written '
           'ms_writing in_flight flushes ms_flushing context_switches')


def pids_of(user):
    try:
        uid = pwd.getpwnam(user).pw_uid
    except KeyError:
        return []
    found = []
    for name in os.listdir('/proc'):
        if name.isdigit():
            try:
                if os.stat('/proc/' + name).st_uid == uid:
                    found.append(name)
            except OSError:
                pass
    return found


def ticks(pid):
    try:
        fields = open('/proc/%s/stat' % pid).read().rsplit(')', 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError):
        return 0


def pressure(resource):
    totals = {}
    for line in open('/proc/pressure/' + resource):
        kind, *rest = line.split()
        totals[kind] = int(rest[-1].split('=')[1])
    return totals


def disk(device):
    for line in open('/proc/diskstats'):
        f = line.split()
        if f[2] == device:
            return [int(f[7]), int(f[9]), int(f[10]), int(f[11]), int(f[18]), int(f[19])]
    return [0] * 6


def root_device():
    device = os.stat('/').st_dev
    name = os.path.basename(os.path.realpath('/sys/dev/block/%d:%d' % (os.major(device), os.minor(device))))
    # A partition's counters are its disk's share; the disk's own line has the flushes.
    parent = os.path.basename(os.path.dirname(os.path.realpath('/sys/class/block/' + name)))
    return parent if os.path.exists('/sys/block/' + parent) else name


def main():
    out, seconds, proxy = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    user = sys.argv[4] if len(sys.argv) > 4 else 'aigov-es'
    device = root_device()
    end = time.time() + seconds
    es, listed = [], 0.0
    with open(out, 'w') as sink:
        sink.write(COLUMNS + '\n')
        while time.time() < end:
            now = time.time()
            if now - listed > 5:
                es, listed = pids_of(user), now
            cpu, io = pressure('cpu'), pressure('io')
            switches = next(int(line.split()[1]) for line in open('/proc/stat') if line.startswith('ctxt'))
            values = [int(now * 1e6), sum(ticks(p) for p in es), ticks(proxy), cpu['some'], io['some'], io['full']]
            sink.write(' '.join(map(str, values + disk(device) + [switches])) + '\n')
            time.sleep(0.05)


if __name__ == '__main__':
    main()
