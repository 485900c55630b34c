#!/usr/bin/env python3
"""How long the audit journal's fdatasync takes on this disk, alone and beside writes like
Elasticsearch's, and whether the I/O scheduler's real-time class shortens it.

    python3 bench/scripts/proxy/fsync-under-load.py [--dir DIR] [--seconds 20] [--rounds 2]

The probe does what the journal does per group commit: it writes 1 KiB into a zero-filled file
(so only data blocks are written, ADR 009) and calls fdatasync, once a millisecond. The load
writes 256 KiB chunks with an fsync every 4 MiB and a 48 MiB burst with an fsync every 5 s (a
Lucene commit). Each round runs: the probe alone, the probe under load at the default I/O
class, the probe under load in the real-time I/O class (`ionice -c1`, root). Prints the
probe's latency percentiles in ms. Files go in DIR (default: the current directory, which
should be on the disk the journal uses) and are removed afterwards.
"""
import argparse
import os
import subprocess
import sys
import time

PROBE_FILE_BYTES = 64 << 20


def probe(path, seconds):
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, b'\0' * PROBE_FILE_BYTES)
    os.fsync(fd)
    record = b'x' * 1024
    offset = 0
    latencies = []
    end = time.time() + seconds
    while time.time() < end:
        started = time.perf_counter()
        os.pwrite(fd, record, offset)
        os.fdatasync(fd)
        latencies.append((time.perf_counter() - started) * 1000)
        offset = (offset + len(record)) % PROBE_FILE_BYTES
        time.sleep(0.001)
    os.close(fd)
    latencies.sort()

    def at(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

    print(f"n={len(latencies)} p50={at(.5):.3f} p90={at(.9):.3f} p99={at(.99):.3f} "
          f"p99.9={at(.999):.3f} max={latencies[-1]:.3f}")


def load(path, seconds):
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    chunk = os.urandom(256 << 10)
    end = time.time() + seconds
    written = 0
    last_burst = time.time()
    while time.time() < end:
        os.write(fd, chunk)
        written += 1
        if written % 16 == 0:
            os.fsync(fd)
        if time.time() - last_burst > 5:
            for _ in range(192):
                os.write(fd, chunk)
            os.fsync(fd)
            last_burst = time.time()
        if written % 400 == 0:
            os.lseek(fd, 0, 0)
        time.sleep(0.002)
    os.close(fd)


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ('probe', 'load'):
        (probe if sys.argv[1] == 'probe' else load)(sys.argv[2], float(sys.argv[3]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument('--dir', default='.')
    parser.add_argument('--seconds', type=float, default=20)
    parser.add_argument('--rounds', type=int, default=2)
    args = parser.parse_args()
    probe_file = os.path.join(args.dir, '.fsync-probe.bin')
    load_file = os.path.join(args.dir, '.fsync-load.bin')
    me = [sys.executable, os.path.abspath(__file__)]
    try:
        for round_ in range(1, args.rounds + 1):
            for name, loaded, prefix in (('alone', False, []), ('under load', True, []),
                                         ('under load, ionice -c1', True, ['ionice', '-c1', '-n0'])):
                loader = None
                if loaded:
                    loader = subprocess.Popen(me + ['load', load_file, str(args.seconds + 4)])
                    time.sleep(2)
                result = subprocess.run(prefix + me + ['probe', probe_file, str(args.seconds)],
                                        capture_output=True, text=True, check=True).stdout.strip()
                print(f"round {round_}, {name}: {result}", flush=True)
                if loader:
                    loader.wait()
    finally:
        for path in (probe_file, load_file):
            if os.path.exists(path):
                os.remove(path)


if __name__ == '__main__':
    main()
