#!/usr/bin/env python3
"""Lines up a load run's slow calls with what the machine and the collector did meanwhile.

    bench/scripts/proxy/slow-windows.py LATENCIES.proxy.tsv SAMPLES [GC_LOG] [THRESHOLD_US]

LATENCIES.proxy.tsv comes from run-proxy-load.sh --latencies, SAMPLES from host-sampler.py, GC_LOG
from the appliance run with APPLIANCE_JAVA_OPTS="-Xlog:gc:file=F:utctime,uptime". THRESHOLD_US
(default 3000) makes a call slow. Prints each 100 ms window of the measured phase that holds at
least 15 slow calls, with the sampled activity over it and the 100 ms before (CPU in ms of
Elasticsearch and of the proxy, pressure stalls in ms, disk writes, MB written, ms writing,
flushes, ms flushing, context switches; the sampled requests in flight are left out), the same per 100 ms over the whole phase, and each
collection with the slow calls from 0.2 s before it began to 0.3 s after it ended.
"""
import bisect
import datetime
import re
import sys

NAMES = ('es_ms', 'proxy_ms', 'cpu_some_ms', 'io_some_ms', 'io_full_ms', 'writes', 'written_MB',
         'ms_writing', 'flushes', 'ms_flushing', 'switches')
WINDOW_US = 100_000


def scaled(delta):
    es, proxy, cpu, io_some, io_full, writes, sectors, writing, flight, flushes, flushing, switches = delta
    return [es * 10, proxy * 10, cpu / 1000, io_some / 1000, io_full / 1000, writes, sectors * 512 / 1e6,
            writing, flushes, flushing, switches]


def main():
    latencies, samples = sys.argv[1], sys.argv[2]
    gc_log = sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].isdigit() else None
    threshold = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 3000
    calls = sorted(tuple(map(int, line.split())) for line in open(latencies) if line[:1].isdigit())
    rows = [list(map(int, line.split())) for line in open(samples) if line[:1].isdigit()]
    times = [row[0] for row in rows]

    def activity(start, end):
        i = max(0, bisect.bisect_left(times, start) - 1)
        j = min(len(rows) - 1, bisect.bisect_left(times, end))
        return scaled([b - a for a, b in zip(rows[i][1:], rows[j][1:])]), (rows[j][0] - rows[i][0]) / 1000

    first, last = calls[0][0], calls[-1][0]
    ordered = sorted(latency for _, latency in calls)
    slow = [(due, latency) for due, latency in calls if latency > threshold]
    print('calls %d, p50 %.3f ms, p99 %.3f ms, over %.1f ms: %d' % (len(calls), ordered[len(calls) // 2] / 1000,
          ordered[int(len(calls) * 0.99)] / 1000, threshold / 1000, len(slow)))
    windows = {}
    for due, latency in slow:
        key = (due - first) // WINDOW_US
        count, worst = windows.get(key, (0, 0))
        windows[key] = (count + 1, max(worst, latency))
    print('window s  slow  max ms | ' + ' '.join(NAMES) + ' | over ms')
    for key in sorted(windows):
        count, worst = windows[key]
        if count >= 15:
            values, span = activity(first + (key - 1) * WINDOW_US, first + (key + 1) * WINDOW_US)
            print('%8.1f %5d %7.1f | %s | %.0f' % (key * WINDOW_US / 1e6, count, worst / 1000,
                  ' '.join('%.1f' % v for v in values), span))
    values, span = activity(first, last)
    print('whole phase, per 100 ms: ' + ' '.join('%s %.1f' % (n, v * 100 / span) for n, v in zip(NAMES, values)))
    if gc_log:
        for line in open(gc_log):
            match = re.match(r'\[(.*?)\]\[.*?\] GC\((\d+)\) (.*) (\d+\.\d+)s$', line.strip())
            if not match:
                continue
            ended = datetime.datetime.strptime(match.group(1), '%Y-%m-%dT%H:%M:%S.%f%z').timestamp() * 1e6
            began = ended - float(match.group(4)) * 1e6
            if first - 1e6 <= began <= last + 1e6:
                near = sum(1 for due, _ in slow if began - 200_000 <= due <= ended + 300_000)
                print('GC(%s) at %.2f s for %.0f ms, %s: %d slow calls' % (match.group(2), (began - first) / 1e6,
                      (ended - began) / 1000, match.group(3), near))


if __name__ == '__main__':
    main()
