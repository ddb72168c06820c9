#!/bin/sh
# Runs the engine benchmark and the same pass-chain workload on aws-local-stepfunctions (Node),
# and prints the ratios of the medians. Usage:
#   tests/benchmarks/run_benchmarks.sh BUILD_DIR [executions=1000] [runs=3]
# Needs node + npm for the comparison (the package is installed into a temporary folder).
# The machine is usually shared: both sides run `runs` times in the same invocation and the
# ratio is taken between medians, never against a number from another day.
set -e
build=${1:-build}
n=${2:-1000}
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
ninja -C "$build" signalbox_engine_bench >/dev/null
out=$("$build/tests/benchmarks/signalbox_engine_bench" "$n" 10000 200 "$runs")
echo "$out"
if command -v npm >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm install --silent --no-audit --no-fund aws-local-stepfunctions@3 >/dev/null 2>&1)
    cp "$here/asl_node_bench.mjs" "$tmp/"
    rates=""
    i=0
    while [ "$i" -lt "$runs" ]; do
        node_out=$(cd "$tmp" && node asl_node_bench.mjs "$n")
        echo "$node_out"
        rates="$rates $(echo "$node_out" | sed -n 's/.*: \([0-9]*\) transitions.*/\1/p')"
        i=$((i + 1))
    done
    node_rate=$(echo $rates | tr ' ' '\n' | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
    echo "aws-local-stepfunctions median of $runs: $node_rate transitions/s"
    echo "$out" | sed -n 's/^pass chain.*, \(.*\): \([0-9]*\) transitions.*/\1 \2/p' |
        while read -r label rate; do
            echo "ratio vs aws-local-stepfunctions ($label): $(echo "scale=2; $rate / $node_rate" | bc)"
        done
else
    echo "npm not found: the aws-local-stepfunctions comparison was skipped"
fi
