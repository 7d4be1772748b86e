#!/bin/sh
# Prints, every 2 s for 140 s, the RSS and the CPU time (utime + stime, in clock ticks of 1/100 s) of node-1's
# speaker JVM while FootprintBenchmark runs (docs/performance.md, "Footprint", steady state). Run it beside the
# benchmark, as root: distribution/src/test/scripts/speaker-series.sh > series.log
start=$(date +%s)
for i in $(seq 1 70); do
  for p in $(pgrep -f "speaker --node node-1"); do
    if grep -q "^Name:.java" /proc/$p/status 2>/dev/null; then
      cpu=$(awk '{print $14+$15}' /proc/$p/stat)
      echo "$(( $(date +%s)-start )) s pid $p $(grep VmRSS /proc/$p/status | tr -s ' \t' ' ') cpu_ticks $cpu"
    fi
  done
  sleep 2
done
