#!/usr/bin/env bash
# The performance figures of TrustedPublish.Build, from one command, written to docs/performance.md:
#   bash bench/run.sh            build-level figures (about 5 minutes)
#   bash bench/run.sh --core     the same plus the BenchmarkDotNet suite of the core (a few minutes more)
# Packs the package, makes two identical consumer repositories, one with the package and one without,
# and alternates runs between them on this machine in one sitting. Timings are medians; nothing here
# is asserted by a test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-15}"
work="$(mktemp -d /tmp/tpb-bench-XXXXXX)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
version="0.0.0-bench.$(date -u +%Y%m%d%H%M%S)"
unset CI GITHUB_ACTIONS ContinuousIntegrationBuild TF_BUILD || true
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
now_ms() { date +%s%N | awk '{ printf "%.1f\n", $1 / 1000000 }'; }
time_ms() { local start end; start="$(now_ms)"; "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; end="$(now_ms)"; awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }'; }
# Milliseconds a task spent, from MSBuild's task performance summary (assembly loads happen inside the task's time).
task_ms() { grep -E "^\s+[0-9]+ ms  $1 " "$work/last.log" | awk '{ print $1 }' | head -n 1; }

echo "==> Packing TrustedPublish.Build $version"
dotnet pack "$root/src/TrustedPublish.Build/TrustedPublish.Build.csproj" -c Release -o "$work/feed" -p:Version="$version" -nodeReuse:false -v:q -nologo > /dev/null

consumer() { # consumer NAME WITH_PACKAGE WORKFLOWS
  local dir="$work/$1"
  mkdir -p "$dir"
  git -C "$dir" init -q
  git -C "$dir" remote add origin https://github.com/Acme-Org/widget.git
  cat > "$dir/NuGet.config" <<XML
<configuration><packageSources><clear /><add key="local" value="$work/feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
XML
  printf '{\n  "name": "@acme/widget",\n  "version": "1.0.0",\n  "scripts": {\n    "test": "node --test"\n  }\n}\n' > "$dir/package.json"
  local reference=""
  [ "$2" = yes ] && reference="<PackageReference Include=\"TrustedPublish.Build\" Version=\"$version\" PrivateAssets=\"all\" />"
  cat > "$dir/widget.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup>$reference</ItemGroup>
  <Target Name="EmptyCheck" />
</Project>
XML
  echo 'public static class Widget { public static int Answer => 42; }' > "$dir/Widget.cs"
  mkdir -p "$dir/.github/workflows"
  # Hand-written, correct OIDC workflows that publish other packages of a monorepo: every rule reads them.
  for i in $(seq 1 "${3:-0}"); do
    cat > "$dir/.github/workflows/w$i.yml" <<YAML
name: Release package $i
on:
  push:
    tags: ['other$i-v*']
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    defaults:
      run:
        working-directory: packages/other$i
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: actions/setup-node@v4
        with:
          node-version: '24'
      - run: npm ci
      - run: npm test
      - run: npm publish --access public
YAML
  done
  dotnet build "$dir/widget.csproj" -nologo -v:q > /dev/null
}

echo "==> Making consumer repositories"
consumer with yes
consumer without no

echo "==> 1. No-op incremental dotnet build, $runs alternating runs each"
: > "$work/with.txt"; : > "$work/without.txt"
for i in $(seq 1 "$runs"); do
  time_ms dotnet build "$work/with/widget.csproj" --no-restore -nologo -v:q >> "$work/with.txt"
  time_ms dotnet build "$work/without/widget.csproj" --no-restore -nologo -v:q >> "$work/without.txt"
done
noop_with="$(median < "$work/with.txt")"; noop_without="$(median < "$work/without.txt")"
noop_ratio="$(awk -v a="$noop_with" -v b="$noop_without" 'BEGIN { printf "%.3f", a / b }')"

echo "==> 2. First build that generates both files: task time, $runs runs (fresh MSBuild process each)"
: > "$work/task.txt"
for i in $(seq 1 "$runs"); do
  rm -rf "$work/with/.github/workflows/publish.yml" "$work/with/obj/trustedpublish"
  printf '{\n  "name": "@acme/widget",\n  "version": "1.0.0",\n  "scripts": {\n    "test": "node --test"\n  }\n}\n' > "$work/with/package.json"
  dotnet build "$work/with/widget.csproj" --no-restore -nologo -nodeReuse:false -clp:PerformanceSummary > "$work/last.log" 2>&1
  grep -q "wrote .github/workflows/publish.yml" "$work/last.log" || { cat "$work/last.log"; exit 1; }
  task_ms GenerateTrustedPublishFiles >> "$work/task.txt"
done
first_task="$(median < "$work/task.txt")"

echo "==> 3. CI check on an up-to-date repository vs an empty target, $runs alternating runs each"
: > "$work/verify.txt"; : > "$work/empty.txt"
for i in $(seq 1 "$runs"); do
  time_ms dotnet msbuild "$work/with/widget.csproj" -t:TrustedPublishVerify -nologo -v:q >> "$work/verify.txt"
  time_ms dotnet msbuild "$work/with/widget.csproj" -t:EmptyCheck -nologo -v:q >> "$work/empty.txt"
done
verify="$(median < "$work/verify.txt")"; empty="$(median < "$work/empty.txt")"
verify_ratio="$(awk -v a="$verify" -v b="$empty" 'BEGIN { printf "%.3f", a / b }')"

echo "==> 4. The checks over many workflow files: task time of TrustedPublishDoctor"
rules_rows=""
for count in 25 50 100 200; do
  consumer "rules$count" yes "$count"
  : > "$work/rules.txt"
  for i in $(seq 1 7); do
    dotnet build "$work/rules$count/widget.csproj" -t:TrustedPublishDoctor --no-restore -nologo -nodeReuse:false -clp:PerformanceSummary > "$work/last.log" 2>&1 || true
    task_ms DiagnoseTrustedPublishing >> "$work/rules.txt"
  done
  rules_rows="$rules_rows| $count | $(median < "$work/rules.txt") |"$'\n'
  [ "$count" = 100 ] && rules100="$(median < "$work/rules.txt")"
done

core=""
if [ "${1:-}" = "--core" ]; then
  echo "==> BenchmarkDotNet suite of the core"
  (cd "$root/bench/TrustedPublish.Build.Benchmarks" && dotnet run -c Release -- --filter '*' --job short --exporters github > "$work/bdn.log" 2>&1) || { cat "$work/bdn.log"; exit 1; }
  core="$(cat "$root"/bench/TrustedPublish.Build.Benchmarks/BenchmarkDotNet.Artifacts/results/*-report-github.md)"
fi

verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "met" : "NOT met" }'; }
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
{
  echo "# Performance"
  echo
  echo "Measured by \`bash bench/run.sh${1:+ $1}\` on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ { print $2 }') GiB,"
  echo ".NET SDK $(dotnet --version), $(uname -sr). Medians of $runs alternating runs unless said otherwise;"
  echo "task times from MSBuild's task performance summary (\`-clp:PerformanceSummary\`), which include the task assembly's load."
  echo
  echo "| figure | target | measured | |"
  echo "| --- | --- | --- | --- |"
  echo "| no-op incremental \`dotnet build\`, with the package / without | at most 1.02 | $noop_with ms / $noop_without ms = $noop_ratio | $(verdict "$noop_ratio" 1.02) |"
  echo "| first build that generates both files: time in the package's task | at most 20 ms | $first_task ms | $(verdict "$first_task" 20) |"
  echo "| \`dotnet msbuild -t:TrustedPublishVerify\` on an up-to-date repository / an empty target | at most 1.05 | $verify ms / $empty ms = $verify_ratio | $(verdict "$verify_ratio" 1.05) |"
  echo "| the checks over 100 workflow files: task time | at most 100 ms | $rules100 ms | $(verdict "$rules100" 100) |"
  echo
  echo "Why a target is not met, and what it would take: README.md, section Performance."
  echo
  echo "The checks' task time by number of workflow files (median of 7 runs, fresh MSBuild process each):"
  echo
  echo "| workflows | task time (ms) |"
  echo "| --- | --- |"
  printf '%s' "$rules_rows"
  if [ -n "$core" ]; then
    echo
    echo "## The core (BenchmarkDotNet, short job)"
    echo
    echo "$core"
  fi
} > "$root/docs/performance.md"
cat "$root/docs/performance.md"
