#!/usr/bin/env bash
# Builds one libFuzzer target with AddressSanitizer and runs it.
#
#   Tests/Fuzz/run-fuzz.sh TARGET [SECONDS]     TARGET: http-parser | request-json | extraction
#
# Seeds come from Tests/Fuzz/Corpus/TARGET (read only). New inputs, crashes, hangs and the log
# go to $FUZZ_OUT/TARGET (default /tmp/article-entities-fuzz), outside the repository; the
# corpus grown there is reused by the next run. Exits non-zero on any crash, timeout, leak,
# sanitizer report or out-of-memory. Env: FUZZ_TIMEOUT (seconds for one input, default 10),
# FUZZ_RSS_MB (default 2048), FUZZ_SEED (default 1, so CI runs the same mutations), FUZZ_JOBS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target=${1:?usage: run-fuzz.sh http-parser|request-json|extraction [SECONDS]}
seconds=${2:-60}
case "$target" in
    http-parser) product=FuzzHTTPParser ;;
    request-json) product=FuzzRequestJSON ;;
    extraction) product=FuzzExtraction ;;
    *) echo "unknown target $target: http-parser, request-json or extraction" >&2; exit 2 ;;
esac
out="${FUZZ_OUT:-/tmp/article-entities-fuzz}/$target"
mkdir -p "$out/corpus" "$out/artifacts"

# Debug keeps the bounds and overflow checks that turn a bug into a crash.
# gold warns once per ASan helper symbol ("Cannot export local symbol"); that is noise.
swift build -c debug --package-path "$here" --product "$product" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -v 'Cannot export local symbol' || true
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "FAIL: building $product" >&2; exit 1; }
binary="$(swift build -c debug --package-path "$here" --show-bin-path)/$product"

echo "fuzzing $target for ${seconds}s; output in $out"
# The first corpus folder receives new inputs; the seeds in the repository stay untouched.
set +e
"$binary" "$out/corpus" "$here/Corpus/$target" \
    -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
    -seed="${FUZZ_SEED:-1}" -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/" 2>&1 | tee "$out/last-run.log"
status=${PIPESTATUS[0]}
set -e
grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)|cov: ' "$out/last-run.log" | tail -n 4 || true
if [ "$status" -ne 0 ]; then
    echo "FAIL: $target found a problem (status $status); inputs in $out/artifacts" >&2
    exit 1
fi
echo "ok: $target ran ${seconds}s with no finding"
