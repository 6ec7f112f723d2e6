#!/usr/bin/env bash
# Runs TrustedPublish.Build on the bundled example repository, exactly as a user's build would:
# packs the package from source, restores it from a local feed into a package cache of its own, and
# builds example/hello-npm, which (re)generates .github/workflows/publish.yml and patches package.json.
# Everything it writes stays inside example/ (build output and caches go to example/hello-npm/.artifacts).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
example="$here/hello-npm"
artifacts="$example/.artifacts"
version="0.0.0-example.$(date -u +%Y%m%d%H%M%S)"

rm -rf "$artifacts/feed"
mkdir -p "$artifacts/feed"
echo "==> Packing TrustedPublish.Build $version"
dotnet pack "$here/../src/TrustedPublish.Build/TrustedPublish.Build.csproj" -c Release \
  --artifacts-path "$artifacts/build" -o "$artifacts/feed" -p:Version="$version" -nodeReuse:false -v:q -nologo

# Start from no workflow so the run shows generation and the Trusted Publisher registration; the result is
# byte-identical to the committed file (an end-to-end test checks it).
rm -f "$example/.github/workflows/publish.yml"

echo "==> dotnet build example/hello-npm"
NUGET_PACKAGES="$artifacts/nuget-packages" dotnet build "$example/hello-npm.csproj" \
  -p:TrustedPublishBuildVersion="$version" -nodeReuse:false -nologo -v:m

echo
echo "==> Generated example/hello-npm/.github/workflows/publish.yml:"
cat "$example/.github/workflows/publish.yml"
echo
echo "==> example/hello-npm/package.json:"
cat "$example/package.json"
