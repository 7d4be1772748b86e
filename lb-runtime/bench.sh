#!/bin/sh
# Builds lb-runtime's test classes and runs its JMH benchmarks (io.barelb.runtime.bench) and the /64 footprint
# measurement. Arguments go to JMH, e.g.:
#   lb-runtime/bench.sh -f 1 -wi 2 -w 1s -i 3 -r 1s PoolChurnBenchmark
#   lb-runtime/bench.sh footprint            # bytes per allocated address in a /64
#   lb-runtime/bench.sh controller [N] [latency samples] [JFR folder]
#                                            # the controller next to a bare status loop (docs/performance.md)
#   lb-runtime/bench.sh cputime [USE% [ROUNDS]] # AllocatorBenchmark by thread CPU time, with its reference
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -pl lb-runtime -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="lb-runtime/target/test-classes:lb-runtime/target/classes:$(cat lb-runtime/target/bench.classpath)"
if [ "${1:-}" = footprint ]; then
    shift
    exec java -XX:+UseSerialGC -Xmx1g -cp "$CP" io.barelb.runtime.bench.FootprintMeasurement "$@"
fi
if [ "${1:-}" = controller ]; then
    shift
    exec java -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
        io.barelb.runtime.controller.ControllerScaleBenchmark "$@"
fi
if [ "${1:-}" = cputime ]; then
    shift
    exec java -cp "$CP" io.barelb.runtime.bench.AllocatorCpuTime "$@"
fi
exec java -cp "$CP" org.openjdk.jmh.Main "$@"
