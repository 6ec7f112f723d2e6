#!/usr/bin/env bash
# Runs TrustedPublish.Build on the bundled example repositories, exactly as a user's build would: packs the
# package from source, restores it from a local feed into a package cache of its own, and builds
# example/hello-npm (one package) and example/hello-workspace (a pnpm workspace with two packages), which
# (re)generate their .github/workflows/publish.yml and patch their package.json files.
# Everything it writes stays inside example/ (the feed, build output and caches go to example/.artifacts).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
artifacts="$here/.artifacts"
version="0.0.0-example.$(date -u +%Y%m%d%H%M%S)"

rm -rf "$artifacts/feed"
mkdir -p "$artifacts/feed"
echo "==> Packing TrustedPublish.Build $version"
dotnet pack "$here/../src/TrustedPublish.Build/TrustedPublish.Build.csproj" -c Release \
  --artifacts-path "$artifacts/build" -o "$artifacts/feed" -p:Version="$version" -nodeReuse:false -v:q -nologo

for name in hello-npm hello-workspace; do
  example="$here/$name"

  # Start from no workflow so the run shows generation and the Trusted Publisher registration; the result is
  # byte-identical to the committed file (an end-to-end test checks it).
  rm -f "$example/.github/workflows/publish.yml"

  echo
  echo "==> dotnet build example/$name"
  NUGET_PACKAGES="$artifacts/nuget-packages" dotnet build "$example/$name.csproj" \
    -p:TrustedPublishBuildVersion="$version" -nodeReuse:false -nologo -v:m

  echo
  echo "==> Generated example/$name/.github/workflows/publish.yml:"
  cat "$example/.github/workflows/publish.yml"
done

echo
echo "==> example/hello-npm/package.json:"
cat "$here/hello-npm/package.json"
for package in greeting hello; do
  echo
  echo "==> example/hello-workspace/packages/$package/package.json:"
  cat "$here/hello-workspace/packages/$package/package.json"
done
