#!/usr/bin/env python3
# Where the proxy's CPU goes: JFR execution samples of the last WINDOW seconds of a recording
# (the measured phase; startup left out) by component, innermost component on each stack.
#
#   jfr print --events jdk.ExecutionSample --stack-depth 200 /tmp/proxy.jfr > /tmp/proxy.txt
#   python3 bench/scripts/proxy/jfr-components.py /tmp/proxy.txt 22
#
# Record with run-proxy-load.sh and
#   APPLIANCE_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/proxy.jfr,settings=profile" --max-rate 0
# so that the recording ends with the measured phase (the generator stops the appliance after it).
import sys, re, collections
cats = [
 ('tomcat/coyote/nio', re.compile(r'org\.apache\.(catalina|coyote|tomcat)')),
 ('spring security', re.compile(r'org\.springframework\.security')),
 ('spring mvc', re.compile(r'org\.springframework\.web\.servlet')),
 ('jdk httpclient', re.compile(r'jdk\.internal\.net\.http|java\.net\.http')),
 ('drools', re.compile(r'org\.(drools|kie)')),
 ('jackson', re.compile(r'tools\.jackson')),
 ('audit', re.compile(r'dev\.aigov\.audit')),
 ('detectors', re.compile(r'dev\.aigov\.detect')),
 ('policy (aigov)', re.compile(r'dev\.aigov\.policy')),
 ('upstream client', re.compile(r'dev\.aigov\.proxy\.internal\.UpstreamClient|sun\.nio\.ch\.NioSocketImpl')),
 ('proxy (aigov)', re.compile(r'dev\.aigov\.proxy')),
 ('micrometer', re.compile(r'io\.micrometer')),
 ('logging', re.compile(r'ch\.qos\.logback|org\.slf4j|org\.apache\.logging|commons\.logging')),
]
text = open(sys.argv[1]).read()
events = text.split('jdk.ExecutionSample {')[1:]
def ts(e):
    m = re.search(r'startTime = (\d+):(\d+):(\d+)\.(\d+)', e)
    return int(m.group(1))*3600+int(m.group(2))*60+int(m.group(3))+float('0.'+m.group(4)) if m else 0
window = float(sys.argv[2]) if len(sys.argv) > 2 else 1e9
last = max(ts(e) for e in events)
events = [e for e in events if ts(e) >= last - window]
threads = collections.Counter(); excl = collections.Counter(); inc = collections.Counter(); top = collections.Counter(); n = 0
for e in events:
    m = re.search(r'sampledThread = "([^"]*)"', e)
    t = m.group(1) if m else '?'
    if t == 'main' or 'C2 Compiler' in t or 'C1' in t: continue
    frames = re.findall(r'^\s+([\w.$<>]+)\(', e, re.M)
    if not frames: continue
    n += 1
    threads[re.sub(r'\d+', 'N', t)] += 1
    stack = ' '.join(frames)
    for name, rx in cats:
        if rx.search(stack): inc[name] += 1
    top[frames[0]] += 1
    owner = 'other (jdk/unknown)'
    for f in frames:
        hit = next((name for name, rx in cats if rx.match(f)), None)
        if hit: owner = hit; break
    excl[owner] += 1
print('samples', n)
print('threads:', threads.most_common(12))
for name, _ in cats: print('%-20s %5.1f %%' % (name, 100.0 * inc[name] / max(n, 1)))
print('exclusive (innermost component on the stack):')
for name, c in excl.most_common(): print('%-20s %5.1f %%' % (name, 100.0 * c / n))
print('top frames:')
for f, c in top.most_common(35): print('%5.1f %% %s' % (100.0 * c / n, f))
