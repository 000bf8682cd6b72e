#!/usr/bin/env bash
# make fuzz: libFuzzer (with AddressSanitizer) on the nine untrusted-input targets, SECONDS each
# (or, with RUNS set, exactly RUNS executions each: `make fuzz RUNS=1000000`).
# Corpora persist in .build-fuzz/corpus (seeded from the fixtures); a crash is copied into
# Tests/PipelineTests/Fixtures/fuzz/TARGET/, where the tests replay it from then on.
#
# LeakSanitizer is off: TOMLKit leaks a few strdup'd strings per parse (upstream; a config or
# rules load happens at start and on reload only), which would stop every rules/config run.
set -uo pipefail
seconds=${1:-60}
runs=${2:-}
if [ -n "$runs" ]; then budget=(-runs="$runs"); else budget=(-max_total_time="$seconds"); fi
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
swift build -c release --product noticed-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    --scratch-path .build-fuzz 2>&1 | grep -E "error|warning: .*Sources/" || true
fuzzer=.build-fuzz/release/noticed-fuzz
[ -x "$fuzzer" ] || { echo "fuzz: the fuzzer did not build" >&2; exit 2; }

seed() { # seed TARGET FILES…
    mkdir -p ".build-fuzz/corpus/$1"
    local t=$1; shift
    [ $# -gt 0 ] && cp "$@" ".build-fuzz/corpus/$t/" 2>/dev/null
    cp Tests/PipelineTests/Fixtures/fuzz/"$t"/* ".build-fuzz/corpus/$t/" 2>/dev/null || true
}
seed clean Tests/PipelineTests/Fixtures/seeds/*.txt
seed parse Tests/PipelineTests/Fixtures/seeds/*.txt
seed rules systemd/rules.toml
seed config systemd/noticed.toml
seed query
for q in '养老' '養老 AND 低保' '"社会救助"' '疫情 OR NOT 婚姻登记' '(一老一小 养老) NOT "福利彩票"' 'a*'; do
    printf '%s' "$q" > ".build-fuzz/corpus/query/q$(printf '%s' "$q" | md5sum | cut -c1-8)"
done
# rulesinput: a rules file, a NUL byte, then a dropped file (see FuzzTarget.rulesinput).
seed rulesinput
regex_rules='[[tag]]
id = "fuzz-regex"
any = ["救灾"]
regex = ["关于.*救灾", "(a+)+$", "第[一二三四五六七八九十]+条", "a*", "救灾.{0,4}物资"]
'
for f in Tests/PipelineTests/Fixtures/seeds/*.txt; do
    name=$(basename "$f" .txt)
    { cat systemd/rules.toml; printf '\0'; cat "$f"; } > ".build-fuzz/corpus/rulesinput/plain-$name"
    { printf '%s' "$regex_rules"; printf '\0'; cat "$f"; } > ".build-fuzz/corpus/rulesinput/regex-$name"
done
{ printf '%s' "$regex_rules"; printf '\0'; printf 'aaaaaaaaaaaaaaaaaaaa!'; } > .build-fuzz/corpus/rulesinput/regex-hostile
# html: page structures from the HTML fixtures (the harness adds the leading `<html>`).
seed html
for f in Tests/PipelineTests/Fixtures/html/*.html; do
    [ -f "$f" ] && head -c 4000 "$f" > ".build-fuzz/corpus/html/$(basename "$f")"
done
printf '<body><div id="zoom"><p>关于召开会议的通知</p><table><tr><td>索引号：</td><td>1</td></tr></table></div>' \
    > .build-fuzz/corpus/html/minimal
# docx, pdf: small documents from the tests' builders (Fixtures/fuzz-seeds, see its README), and the drop fixture's.
seed docx Tests/IntegrationTests/Fixtures/drop/*.docx
seed pdf
cp Tests/PipelineTests/Fixtures/fuzz-seeds/docx/* .build-fuzz/corpus/docx/ 2>/dev/null || true
cp Tests/PipelineTests/Fixtures/fuzz-seeds/pdf/* .build-fuzz/corpus/pdf/ 2>/dev/null || true
mkdir -p .build-fuzz/crashes

passed=0
failed=0
printf '%-10s %12s %10s %8s  %s\n' target executions "exec/s" corpus result
for target in clean parse rules config query rulesinput html docx pdf; do
    log=.build-fuzz/$target.log
    NOTICED_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no \
        "$fuzzer" "${budget[@]}" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix=".build-fuzz/crashes/$target-" ".build-fuzz/corpus/$target" >"$log" 2>&1
    status=$?
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    size=$(ls ".build-fuzz/corpus/$target" | wc -l)
    if [ $status = 0 ]; then
        result=ok
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        artifact=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log" | tail -1)
        result="CRASH (see $log)"
        if [ -n "$artifact" ] && [ -f "$artifact" ]; then
            mkdir -p "Tests/PipelineTests/Fixtures/fuzz/$target"
            cp "$artifact" "Tests/PipelineTests/Fixtures/fuzz/$target/"
            result="CRASH: $(basename "$artifact") saved as a regression input"
        fi
    fi
    printf '%-10s %12s %10s %8s  %s\n' "$target" "${executed:-?}" "${rate:-?}" "$size" "$result"
done
echo "fuzz: $passed passed, $failed failed"
[ $failed = 0 ]
