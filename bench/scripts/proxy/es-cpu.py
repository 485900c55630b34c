#!/usr/bin/env python3
"""Where the embedded Elasticsearch's CPU goes while the proxy loads it: JFR execution samples of
Elasticsearch by indexing stage and by thread pool.

    bench/scripts/proxy/es-cpu.py ES.jfr

Record during a load run (Elasticsearch runs as aigov-es, so attach as that user; the run's
measured phase starts after its warm-up and settling rounds):

    ES=$(pgrep -u aigov-es -f org.elasticsearch.bootstrap.Elasticsearch | head -1)
    runuser -u aigov-es -- "$JAVA_HOME/bin/jcmd" "$ES" JFR.start duration=60s \\
        filename=/tmp/es.jfr settings=profile

Each sample counts once, for the first stage (in the order below) that any frame of its stack
belongs to: a merge that parses nothing is a merge, a bulk item parsed for indexing is parsing.
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys

STAGES = (
    ('_id lookup (create with an id)', ('PerThreadIDVersionAndSeqNoLookup', 'VersionsAndSeqNoResolver',
                                        'loadCurrentVersionFromIndex')),
    ('merges', ('OneMerge', 'SegmentMerger', 'ConcurrentMergeScheduler$MergeThread', 'IndexWriter.merge')),
    ('refresh (writing a segment)', ('DocumentsWriterPerThread.flush', 'IndexWriter.getReader',
                                     'StandardDirectoryReader.open', 'flushAllThreads', '.refresh')),
    ('text analysis', ('lucene/analysis/', 'Tokenizer', 'TokenStream')),
    ('stored fields (_source)', ('StoredFields', 'compress/LZ4')),
    ('doc values', ('DocValuesWriter',)),
    ('translog', ('index/translog/',)),
    ('parsing and mapping documents', ('DocumentParser', 'XContentParser', 'SourceToParse', 'DocumentMapper')),
    ('other Lucene indexing', ('IndexingChain', 'DocumentsWriter', 'IndexWriter')),
    ('HTTP (Netty, REST)', ('netty', 'Netty', '/http/', '/rest/')),
    ('bulk and shard actions', ('TransportBulk', 'TransportShardBulk', 'BulkOperation', 'ReplicationOperation',
                                'InternalEngine', 'IndexShard')),
)


def jfr_tool():
    home = os.environ.get('JAVA_HOME')
    candidate = os.path.join(home, 'bin', 'jfr') if home else None
    return candidate if candidate and os.path.exists(candidate) else shutil.which('jfr') or 'jfr'


def main():
    printed = subprocess.run([jfr_tool(), 'print', '--json', '--stack-depth', '200', '--events',
                              'jdk.ExecutionSample', sys.argv[1]], check=True, capture_output=True).stdout
    events = json.loads(printed)['recording']['events']
    stages = collections.Counter()
    pools = collections.Counter()
    for event in events:
        values = event['values']
        thread = values['sampledThread']
        pools[re.sub(r'\d+', 'N', thread.get('javaName') or thread.get('osName') or '?')] += 1
        frames = (values.get('stackTrace') or {}).get('frames') or []
        stack = ' '.join(f['method']['type']['name'] + '.' + f['method']['name'] for f in frames)
        stage = next((name for name, marks in STAGES if any(mark in stack for mark in marks)), 'other')
        stages[stage] += 1
    total = max(1, len(events))
    print('%d samples' % len(events))
    print('by stage:')
    for name, count in stages.most_common():
        print('  %5.1f %%  %s' % (100.0 * count / total, name))
    print('by thread pool:')
    for name, count in pools.most_common(10):
        print('  %5.1f %%  %s' % (100.0 * count / total, name))


if __name__ == '__main__':
    main()
