# Stops the run before NuGet/login and the push when a prerequisite is wrong, naming the cause and the fix
# instead of nuget.org's bare 403 or 409. Inputs come through env only: PACKAGE_ID, VERSION (from the tag)
# and PACKAGE_FOLDER (where dotnet pack wrote). GitHub runs this with bash -eo pipefail: every check below
# reports instead of exiting early.
set +e -uo pipefail
failed=0
fail() { echo "::error title=$1::$2"; failed=1; }
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }

if [ -z "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ] || [ -z "${ACTIONS_ID_TOKEN_REQUEST_TOKEN:-}" ]; then
  fail "No OIDC token" "The job cannot request an OIDC token, so NuGet/login cannot get an API key from nuget.org. Grant 'id-token: write' in the job's permissions (and in the calling workflow when this one is reusable)."
fi

# dotnet pack names the file <id>.<normalized version>.nupkg. -p:Version is overridden by anything that sets
# PackageVersion itself (Nerdbank.GitVersioning, MinVer, a PackageVersion property), and then the file says so.
shopt -s nullglob
packed=("$PACKAGE_FOLDER"/*.nupkg)
shopt -u nullglob
wanted="$(lower "$PACKAGE_ID.$VERSION.nupkg")"
package=""
names=""
for candidate in "${packed[@]}"; do
  name="${candidate##*/}"
  names="${names:+$names, }$name"
  if [ "$(lower "$name")" = "$wanted" ]; then
    package="$candidate"
  fi
done
if [ "${#packed[@]}" -eq 0 ]; then
  fail "Nothing packed" "dotnet pack wrote no .nupkg to $PACKAGE_FOLDER, so there is nothing to push. Check the pack step's output."
elif [ -z "$package" ]; then
  fail "Packed version differs from the tag" "The tag names $PACKAGE_ID $VERSION, but dotnet pack wrote $names. Something in the build sets the package's version itself (a PackageVersion property, Nerdbank.GitVersioning, MinVer, ...) over -p:Version: make it take the version from the tag, or tag the version it packs."
fi

# The flat container lists every version nuget.org holds, unlisted ones too; nuget.org never takes a version twice.
id="$(lower "$PACKAGE_ID")"
response="$(curl --silent --show-error --location --max-time 30 --write-out '\n%{http_code}' "https://api.nuget.org/v3-flatcontainer/$id/index.json" 2>&1)"
status="${response##*$'\n'}"
versions="${response%$'\n'*}"
if [ "$status" = "200" ]; then
  if printf '%s' "$versions" | grep -qF "\"$(lower "$VERSION")\""; then
    fail "Version already on nuget.org" "$PACKAGE_ID $VERSION is already on nuget.org (listed or unlisted), and nuget.org refuses a version twice (409 Conflict). Bump the version and tag again."
  fi
elif [ "$status" != "404" ]; then
  echo "::warning title=nuget.org not reachable::Could not ask nuget.org which versions of $PACKAGE_ID it has (HTTP ${status:-none}); the push still refuses a version that is already there."
fi

if [ -n "$package" ]; then
  echo "package=$package" >> "$GITHUB_OUTPUT"
fi
exit "$failed"
