# Stops the run before `npm publish` when a trusted-publishing prerequisite is wrong,
# naming the cause and the fix instead of npm's bare E404. Inputs come through env only.
# GitHub runs this with bash -eo pipefail: every check below reports instead of exiting early.
set +e -uo pipefail
failed=0
fail() { echo "::error title=$1::$2"; failed=1; }

npm_version="$(npm --version 2>/dev/null || echo 0.0.0)"
if ! node -e 'const [a, b, c] = process.argv[1].split(/[.-]/).map(Number); process.exit(a > 11 || (a === 11 && (b > 5 || (b === 5 && c >= 1))) ? 0 : 1)' "$npm_version"; then
  fail "npm too old for trusted publishing" "npm $npm_version cannot publish with OIDC; it needs npm 11.5.1 or newer. Use node-version 24, or run npm install -g npm@^11.5.1 before publishing."
fi

if [ -z "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ]; then
  fail "No OIDC token" "The job cannot request an OIDC token, so npm would fail with ENEEDAUTH or E404. Grant 'id-token: write' in the publishing job's permissions (and in the calling workflow when this one is reusable)."
fi

# With pnpm, Yarn or Bun the workflow packed the package first (workspace: dependencies become versions there):
# everything below is checked in that tarball, which is exactly what npm publishes.
tarball=""
if [ -n "${PACKED_BY:-}" ]; then
  shopt -s nullglob
  packed=("$RUNNER_TEMP"/trustedpublish-pack/*.tgz)
  shopt -u nullglob
  if [ "${#packed[@]}" -ne 1 ]; then
    echo "::error title=No package to publish::$PACKED_BY pack left ${#packed[@]} tarballs in $RUNNER_TEMP/trustedpublish-pack, where exactly one was expected."
    exit 1
  fi
  tarball="${packed[0]}"
  manifest="$(tar -xzOf "$tarball" package/package.json 2>/dev/null)" || { echo "::error title=package.json unreadable::$tarball has no package/package.json."; exit 1; }
else
  manifest="$(cat ./package.json 2>/dev/null)" || { echo "::error title=package.json unreadable::There is no readable package.json in $(pwd)."; exit 1; }
fi

facts="$(printf '%s' "$manifest" | node -e '
  let input = "";
  process.stdin.on("data", (d) => (input += d)).on("end", () => {
    const p = JSON.parse(input);
    const r = typeof p.repository === "string" ? p.repository : (p.repository && p.repository.url) || "";
    // A workspace: or catalog: range left in the package cannot be installed by anyone.
    const unresolved = [];
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
      for (const [dependency, range] of Object.entries(p[field] || {})) {
        if (typeof range === "string" && /^(workspace|catalog):/.test(range)) unresolved.push(`${dependency}@${range}`);
      }
    }
    console.log([p.name || "", p.version || "", r, unresolved.join(", ")].join("\n"));
  });
')" || { echo "::error title=package.json unreadable::node could not read package.json in ${tarball:-$(pwd)}."; exit 1; }
name="$(printf '%s\n' "$facts" | sed -n 1p)"
version="$(printf '%s\n' "$facts" | sed -n 2p)"
repository_url="$(printf '%s\n' "$facts" | sed -n 3p)"
unresolved="$(printf '%s\n' "$facts" | sed -n 4p)"

if [ -n "$unresolved" ]; then
  fail "Unresolved workspace dependencies" "The package would be published with $unresolved, which no one outside this repository can install. Pack it with the package manager that understands them (pnpm, Yarn 2+ or Bun: set packageManager in package.json or TrustedPublishPackageManager), or replace them with version ranges."
fi

normalized="${repository_url#git+}"
normalized="${normalized%.git}"
if [ "$normalized" != "https://github.com/$GITHUB_REPOSITORY" ]; then
  fail "repository.url does not match" "package.json repository.url is '$repository_url', but npm's provenance check expects https://github.com/$GITHUB_REPOSITORY (case-sensitive), and would fail with E422. Set it to git+https://github.com/$GITHUB_REPOSITORY.git."
fi

if [ "${GITHUB_REF_TYPE:-}" = "tag" ]; then
  tag_version="${GITHUB_REF_NAME#"$TAG_PREFIX"}"
  if [ "$tag_version" != "$version" ]; then
    fail "Tag does not match version" "The tag '$GITHUB_REF_NAME' names version '$tag_version', but package.json's version is '$version'. Bump the version in package.json, or tag ${TAG_PREFIX}${version}."
  fi
fi

# --workspaces=false: in a workspace member's folder npm also prints "npm warn Ignoring workspaces for specified
# package(s)", which would be read below as the registry's answer (a published version, an unreachable registry).
view_output="$(npm view "$name@$version" version --workspaces=false --registry "$REGISTRY" 2>&1)"
view_status=$?
if [ "$view_status" -eq 0 ] && [ -n "$view_output" ]; then
  fail "Version already published" "$name@$version is already on the registry; npm would refuse to publish over it. Bump the version in package.json and tag again."
elif [ "$view_status" -ne 0 ] || [ -z "$view_output" ]; then
  package_output="$(npm view "$name" name --workspaces=false --registry "$REGISTRY" 2>&1)"
  if printf '%s' "$package_output" | grep -q 'E404'; then
    fail "Package does not exist yet" "$name is not on the registry yet. A trusted publisher can only be added to an existing package: publish the first version by hand (npm publish --access $ACCESS), add the trusted publisher in the package settings, then run this workflow. Otherwise npm fails with 'OIDC token exchange error - package not found'."
  elif [ -n "$package_output" ] && [ "$package_output" != "$name" ]; then
    echo "::warning title=Registry not reachable::Could not ask the registry about $name: $package_output"
  fi
fi

# npm publishes what package.json's "files", .npmignore or .gitignore let in. A .NET project built beside
# package.json leaves its project file, NuGet configuration and bin/ obj/ output there (obj/project.assets.json
# holds absolute paths of the machine that built it). The same judgement as TPB028 at build time, over npm's own list.
if [ -n "$tarball" ]; then
  file_list="$(tar -tzf "$tarball" 2>/dev/null | sed -n 's#^package/##p')"
else
  file_list="$(npm pack --dry-run --json --ignore-scripts 2>/dev/null | node -e '
    let input = "";
    process.stdin.on("data", (d) => (input += d)).on("end", () => {
      try { console.log(JSON.parse(input)[0].files.map((f) => f.path).join("\n")); } catch { process.exit(2); }
    });
  ')"
fi
pack_status=$?
dotnet_files="$(printf '%s\n' "$file_list" | node -e '
  const fs = require("fs");
  let input = "";
  process.stdin.on("data", (d) => (input += d)).on("end", () => {
    const paths = input.split("\n").filter((p) => p.length > 0);
    const project = /\.(cs|fs|vb)?proj$/i;
    const buildFile = /\.((cs|fs|vb)?proj|props|targets|slnx?)$/i;
    const hasProject = (dir) => {
      try { return fs.readdirSync(dir || ".", { withFileTypes: true }).some((e) => e.isFile() && project.test(e.name)); } catch { return false; }
    };
    // Build output counts under obj/ and under bin/<configuration>/ beside a project file (bin/cli.js is an npm command).
    const found = paths.filter((p) => {
      const names = p.split("/");
      const name = names[names.length - 1];
      return buildFile.test(name) || name.toLowerCase() === "nuget.config" ||
        names.slice(0, -1).some((n, i) => (/^obj$/i.test(n) || (/^bin$/i.test(n) && i < names.length - 2)) && hasProject(names.slice(0, i).join("/")));
    });
    const shown = found.slice(0, 5).join(", ") + (found.length > 5 ? ` and ${found.length - 5} more` : "");
    process.stdout.write(shown.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
  });
')"
if [ "$pack_status" -ne 0 ]; then
  echo "::warning title=Packed files not checked::The files npm would publish could not be listed, so they were not checked for the .NET project's files."
elif [ -n "$dotnet_files" ]; then
  fail "npm would publish the .NET build's files" "npm would publish the .NET project's files with $name@$version: $dotnet_files. They come from the .NET project built beside package.json and do not belong in the package (obj/ holds the absolute paths of the machine that built it). List only what the package needs in package.json's \"files\" (with \"files\" set, npm ignores the .npmignore beside package.json); or, with no \"files\", add bin/, obj/, *.csproj and nuget.config to .npmignore and copy .gitignore's lines into it (npm stops reading .gitignore once there is a .npmignore). The build reports this as TPB028."
fi

# A build that did not run before packing (a workspace built from its root, a step that was left out) leaves
# package.json's entry points out of the package; npm publishes it anyway, and nobody can import it.
if [ "$pack_status" -eq 0 ]; then
  missing_entries="$(printf '%s' "$manifest" | PACKED_FILES="$file_list" node -e '
    let input = "";
    process.stdin.on("data", (d) => (input += d)).on("end", () => {
      const p = JSON.parse(input);
      const packed = new Set(process.env.PACKED_FILES.split("\n").filter((f) => f.length > 0));
      const entries = [];
      for (const field of ["main", "module", "types", "typings"]) {
        if (typeof p[field] === "string" && p[field].length > 0) entries.push([field, p[field]]);
      }
      const bins = typeof p.bin === "string" ? { [p.name]: p.bin } : (p.bin && typeof p.bin === "object" ? p.bin : {});
      for (const [command, file] of Object.entries(bins)) if (typeof file === "string") entries.push([`bin ${command}`, file]);
      // As Node resolves main: the file, or it with .js/.json/.node, or index.js inside the folder.
      const found = (file) => {
        const f = file.replace(/^\.\//, "").replace(/\/$/, "");
        return [f, f + ".js", f + ".json", f + ".node", f + "/index.js"].some((c) => packed.has(c));
      };
      const missing = entries.filter(([, file]) => !found(file)).map(([field, file]) => `${field} ${file}`);
      process.stdout.write(missing.join(", ").replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
    });
  ')"
  if [ -n "$missing_entries" ]; then
    fail "Entry points missing from the package" "package.json names files the package would not contain ($missing_entries), so nobody could use $name@$version. The build that makes them did not run before packing: add it to the check scripts (TrustedPublishCheckScripts; in a workspace built from its root, the root's package.json scripts), or make package.json's \"files\" include them."
  fi
fi

if [ -n "${DIST_TAG:-}" ]; then
  dist_tag="$DIST_TAG"
else
  case "$version" in
    *-*)
      dist_tag="${version#*-}"
      dist_tag="${dist_tag%%[.+]*}"
      case "$dist_tag" in
        '' | [0-9]* | v[0-9]*) dist_tag=next ;;
      esac
      ;;
    *) dist_tag=latest ;;
  esac
fi
echo "Publishing $name@$version with dist-tag $dist_tag"
echo "dist_tag=$dist_tag" >> "${GITHUB_OUTPUT:-/dev/null}"
if [ -n "$tarball" ]; then
  echo "tarball=$tarball" >> "${GITHUB_OUTPUT:-/dev/null}"
fi
exit "$failed"
