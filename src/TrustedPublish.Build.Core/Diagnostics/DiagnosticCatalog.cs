using System.Collections.Generic;
using static TrustedPublish.Build.Diagnostics.DiagnosticSeverity;

namespace TrustedPublish.Build.Diagnostics;

/// <summary>
/// Every diagnostic this package reports, in one place, so that codes stay unique and each one is
/// documented (a test checks both against README.md). Codes are never reused; retire a code by
/// leaving a gap.
/// </summary>
internal static class DiagnosticCatalog
{
    // 001-019: settings (MSBuild properties and the defaults worked out from the project).
    public static readonly DiagnosticDescriptor PackageJsonMissing = new(
        "TPB001", Error, "TrustedPublishPackageDirectory holds no package.json",
        "TrustedPublishPackageDirectory is '{0}', but there is no package.json in it.",
        "point TrustedPublishPackageDirectory at the folder that holds package.json, or remove the property to use the project's folder.", "");

    public static readonly DiagnosticDescriptor OwnerUnknown = new(
        "TPB002", Error, "GitHub owner and repository cannot be worked out",
        "The GitHub owner and repository are not set and could not be read from RepositoryUrl ('{0}') or from the 'origin' remote in '{1}'.",
        "set <TrustedPublishOwner> and <TrustedPublishRepository> in the project, or set RepositoryUrl to the repository's https://github.com/OWNER/REPO URL.", "");

    public static readonly DiagnosticDescriptor OwnerInvalid = new(
        "TPB003", Error, "Owner is not a valid GitHub user or organization name",
        "TrustedPublishOwner '{0}' is not a valid GitHub user or organization name: {1}.",
        "use the owner exactly as it appears in https://github.com/OWNER/REPO (1-39 letters, digits or single hyphens, not starting or ending with a hyphen).", "E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor RepositoryInvalid = new(
        "TPB004", Error, "Repository is not a valid GitHub repository name",
        "TrustedPublishRepository '{0}' is not a valid GitHub repository name: {1}.",
        "use the repository name exactly as it appears in https://github.com/OWNER/REPO (letters, digits, '.', '-', '_'; at most 100 characters).", "E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor PackageNameInvalid = new(
        "TPB005", Error, "npm package name is missing or invalid",
        "The npm package name '{0}' is not valid for a new package: {1}.",
        "set \"name\" in package.json, or TrustedPublishPackageName, to a lower-case name of at most 214 characters such as 'my-package' or '@scope/my-package'.", "");

    public static readonly DiagnosticDescriptor WorkflowFileInvalid = new(
        "TPB006", Error, "Workflow file is not a bare .yml or .yaml file name",
        "TrustedPublishWorkflowFile '{0}' is not a bare workflow file name: {1}.",
        "use only the file name, such as 'publish.yml'; the file always lives in .github/workflows/, and npm's Trusted Publisher 'Workflow filename' field takes the bare name too.", "E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor NodeVersionInvalid = new(
        "TPB007", Error, "Node.js version is unparsable or too old for trusted publishing",
        "TrustedPublishNodeVersion '{0}' {1}.",
        "use 24 (the default: its npm supports trusted publishing) or 22.14 or newer, where the workflow upgrades npm to ^11.5.1.", "ENEEDAUTH or E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor EnvironmentInvalid = new(
        "TPB008", Error, "Environment name is not a valid GitHub environment name",
        "TrustedPublishEnvironment '{0}' is not a valid GitHub environment name: {1}.",
        "use at most 255 characters without quotes, backticks, slashes, commas, colons, control characters or leading/trailing spaces, and enter exactly the same name in npm's Trusted Publisher settings.", "E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor AccessInvalid = new(
        "TPB009", Error, "Access is neither public nor restricted",
        "TrustedPublishAccess '{0}' is neither 'public' nor 'restricted'.",
        "set TrustedPublishAccess to public (the default) or restricted.", "");

    public static readonly DiagnosticDescriptor BooleanInvalid = new(
        "TPB010", Error, "A true/false property has another value",
        "{0} is '{1}', which is neither true nor false.",
        "set {0} to true or false, or remove it to use the default.", "");

    public static readonly DiagnosticDescriptor TagPatternInvalid = new(
        "TPB011", Error, "Tag pattern is not a usable GitHub tag filter",
        "TrustedPublishTagPattern '{0}' is not a usable tag filter: {1}.",
        "use a GitHub tag filter such as 'v*' (the default), 'release-*' or, for changesets' tags such as @scope/name@1.2.3, '**@*': letters, digits and . - _ / @ + with * wildcards.", "");

    public static readonly DiagnosticDescriptor RepositoryRootMissing = new(
        "TPB012", Error, "Repository root not found",
        "No folder holding .git was found above '{0}', so there is nowhere to put .github/workflows.",
        "run the build inside a git repository, or set TrustedPublishRepositoryRoot to the folder that holds .github/.", "");

    public static readonly DiagnosticDescriptor PackageOutsideRepository = new(
        "TPB013", Error, "package.json is outside the repository root",
        "The package folder '{0}' is not inside the repository root '{1}'.",
        "set TrustedPublishPackageDirectory to a folder inside TrustedPublishRepositoryRoot.", "");

    public static readonly DiagnosticDescriptor DistTagInvalid = new(
        "TPB014", Error, "Dist-tag is not a valid npm dist-tag",
        "TrustedPublishDistTag '{0}' is not a valid npm dist-tag: {1}.",
        "use a tag such as 'next' or 'beta': letters, digits, '.', '-' and '_', not a version or range; or leave it empty to derive it from the version at publish time.", "");

    public static readonly DiagnosticDescriptor RunnerInvalid = new(
        "TPB015", Error, "Runner is self-hosted or not a GitHub-hosted label",
        "TrustedPublishRunsOn '{0}' {1}.",
        "use a GitHub-hosted runner label such as ubuntu-latest (the default); npm trusted publishing does not accept self-hosted runners.", "E404 Not Found - PUT or an OIDC token exchange error");

    public static readonly DiagnosticDescriptor ScriptNameInvalid = new(
        "TPB016", Error, "A check script name cannot be run safely",
        "TrustedPublishCheckScripts names '{0}', which is not a plain npm script name.",
        "list script names made of letters, digits and . _ : - separated by semicolons, such as 'build;test'.", "");

    public static readonly DiagnosticDescriptor PropertyBlank = new(
        "TPB017", Error, "A property holds only spaces",
        "{0} is set but holds only spaces.",
        "remove the property to use its default, or give it a value.", "");

    public static readonly DiagnosticDescriptor PackageDirectoryUnsafe = new(
        "TPB018", Error, "The package folder's path cannot be put in a workflow",
        "The package folder '{0}' {1}, and GitHub would read it as part of the workflow.",
        "rename the folder (letters, digits, spaces and . _ - / are safe).", "");

    public static readonly DiagnosticDescriptor RepositorySourcesDisagree = new(
        "TPB019", Warning, "RepositoryUrl and git's origin remote name different repositories",
        "RepositoryUrl names {0} and git's origin remote names {1}{2}; {3} was used, because RepositoryUrl comes before the remote.",
        "set TrustedPublishOwner and TrustedPublishRepository to the repository that publishes, or correct the stale one of the two.", "E404 Not Found - PUT when the wrong one is registered");

    // 020-022: package.json content.
    public static readonly DiagnosticDescriptor PackageJsonInvalid = new(
        "TPB020", Error, "package.json is not valid JSON",
        "package.json is not valid JSON: {0}",
        "fix the JSON at the position shown (npm itself cannot read this file either); the file was left unchanged.", "");

    public static readonly DiagnosticDescriptor PackageJsonWrongShape = new(
        "TPB021", Error, "package.json has a field of the wrong type",
        "{0}",
        "make package.json an object, \"repository\" a string or an object and \"publishConfig\" an object; the file was left unchanged.", "");

    public static readonly DiagnosticDescriptor PackageJsonDrift = new(
        "TPB022", Error, "package.json drifted from the trusted-publishing settings",
        "package.json field '{0}' is {1}, expected {2}.",
        "run 'dotnet build' without CI=true to update package.json, or change the TrustedPublish* properties to match.", "");

    // 023-027: package.json rules for hand-maintained setups (with generation on, the patch guarantees these).
    public static readonly DiagnosticDescriptor RepositoryUrlMismatch = new(
        "TPB023", Error, "repository.url does not name the GitHub repository exactly",
        "package.json repository {0} does not name https://github.com/{1} exactly (case included).",
        "set \"repository\": {{\"type\": \"git\", \"url\": \"git+https://github.com/{1}.git\"}} (or turn generation on to have it written).", "E422 (Failed to validate repository information)");

    public static readonly DiagnosticDescriptor ProvenanceForced = new(
        "TPB024", Warning, "Provenance is forced",
        "{0} forces provenance; npm makes provenance by itself for public repositories, and forcing it from a private or internal repository fails.",
        "remove it (provenance stays automatic for public repositories), or keep it only if the repository is public; silence with NoWarn TPB024.", "E422 (Unsupported GitHub Actions source repository visibility: \"private\")");

    public static readonly DiagnosticDescriptor ScopedNotPublic = new(
        "TPB025", Error, "Scoped package meant to be public has no access set",
        "{0} is scoped, so npm publishes it as private unless told otherwise; TrustedPublishAccess is public, but neither publishConfig.access nor the publish command sets an access.",
        "add \"publishConfig\": {{\"access\": \"public\"}} to package.json or pass --access public to npm publish; if the package is meant to be private, set TrustedPublishAccess to restricted.", "E402 (You must sign up for private packages)");

    public static readonly DiagnosticDescriptor PrereleaseWithoutTag = new(
        "TPB026", Warning, "Prerelease version without a dist-tag",
        "Version {0} is a prerelease, but neither publishConfig.tag nor the publish command's --tag sets a dist-tag.",
        "publish with --tag next (or the prerelease's name), or set publishConfig.tag.", "'You must specify a tag using --tag when publishing a prerelease version'");

    public static readonly DiagnosticDescriptor NameMismatch = new(
        "TPB027", Error, "package.json name differs from TrustedPublishPackageName",
        "package.json name is '{0}', but TrustedPublishPackageName is '{1}'.",
        "make them the same (turn generation on to have package.json patched), and register the trusted publisher for that name.", "E404 Not Found - PUT");

    // 028-029: the package itself, however package.json is maintained: what npm would pack, and whether it would publish it.
    public static readonly DiagnosticDescriptor DotNetFilesPacked = new(
        "TPB028", Warning, "npm would publish the .NET build's files",
        "npm would publish the .NET project's files with this package: {0}. {1}",
        "keep them out of the package: {2}.", "");

    public static readonly DiagnosticDescriptor PackageNotPublishable = new(
        "TPB029", Error, "npm would refuse to publish this package.json",
        "package.json {0}, so npm publish would refuse it; nothing was generated for it.",
        "point TrustedPublishPackageDirectory at the package that is published (not a workspace root), give it a \"version\" such as 1.0.0, or set TrustedPublishEnabled=false for this project.", "EPRIVATE, or an invalid version error");

    // 030-039: the generated workflow, verified in CI.
    public static readonly DiagnosticDescriptor WorkflowDrift = new(
        "TPB030", Error, "The generated workflow drifted from the file on disk",
        "{0}",
        "run 'dotnet build' without CI=true (or 'dotnet build -t:TrustedPublishGenerate') to regenerate it, and change the TrustedPublish* properties instead of editing the file.", "");

    public static readonly DiagnosticDescriptor WorkflowMissing = new(
        "TPB031", Error, "The workflow file is missing",
        "The workflow '{0}' does not exist.",
        "run 'dotnet build' without CI=true (or 'dotnet build -t:TrustedPublishGenerate') to create it, then commit it.", "");

    public static readonly DiagnosticDescriptor PackageManagerNotSupported = new(
        "TPB032", Error, "package.json's packageManager names a package manager or version the workflow cannot set up",
        "\"packageManager\" is '{0}': the generated workflow sets up npm, pnpm, Yarn or Bun at one exact version, so nothing was generated.",
        "write the manager and the exact version you use, as corepack reads it (\"packageManager\": \"pnpm@10.18.3\"; a range, a tag such as latest or a URL would install another version on each run), or set TrustedPublishPackageManager to npm, pnpm, yarn or bun.", "");

    public static readonly DiagnosticDescriptor ActionPinDrift = new(
        "TPB033", Error, "An action's pin in the workflow is not one the generator accepts",
        "'{0}' pins {1} in a way TrustedPublish.Build does not accept, from line {2}: the file has '{3}', which {4}; the generator writes {5}.",
        "a newer release of {1} pinned to its full 40-character commit SHA with its '# vX.Y.Z' comment, as Dependabot and Renovate write it, is kept; otherwise run 'dotnet build' without CI=true to restore the generated pin, or set the pin with a TrustedPublishActionPin item.", "");

    public static readonly DiagnosticDescriptor ActionPinInvalid = new(
        "TPB034", Error, "A TrustedPublishActionPin item is invalid",
        "TrustedPublishActionPin '{0}' {1}; no pin was changed.",
        "write it as <TrustedPublishActionPin Include=\"actions/checkout\" Sha=\"<full 40-character commit SHA>\" Version=\"v7.2.0\" />, one item per action the workflow uses.", "");

    public static readonly DiagnosticDescriptor PackageManagerVersionNotPinned = new(
        "TPB035", Warning, "The workflow installs a package manager version this package chose",
        "Nothing names the {0} version this repository uses, so the workflow installs {0} {1}.",
        "add \"packageManager\": \"{2}@<the version you use>\" to {3} (run '{2} --version'), so that CI installs with the version your lockfile was written by; or set TrustedPublishPackageManager={2}@x.y.z.", "");

    public static readonly DiagnosticDescriptor PackageManagerPropertyInvalid = new(
        "TPB036", Error, "TrustedPublishPackageManager is invalid",
        "TrustedPublishPackageManager is '{0}', which is not npm, pnpm, yarn or bun, optionally with an exact version.",
        "set it to npm, pnpm, yarn or bun (the version then comes from package.json's packageManager), or to one with an exact version such as pnpm@10.18.3; or remove it to detect the manager from packageManager and the lockfile.", "");

    public static readonly DiagnosticDescriptor UnresolvedDependencyRange = new(
        "TPB037", Error, "A workspace: or catalog: dependency would be published as written",
        "package.json's {2} has \"{0}\": \"{1}\", and {3} packs it as written: the published package could not be installed outside this repository, so nothing was generated.",
        "build the workspace with the manager that wrote the range (pnpm, Yarn 2 or later, or Bun; it rewrites workspace: ranges to versions when it packs): name it in package.json's packageManager or in TrustedPublishPackageManager; or replace the range with a version range such as ^1.2.0.", "an uninstallable package (EUNSUPPORTEDPROTOCOL for its users)");

    // 040-049: reading and writing the repository's files, who owns them, and which repository publishes.
    public static readonly DiagnosticDescriptor WriteFailed = new(
        "TPB040", Error, "A file could not be written",
        "Could not write '{0}': {1} The file on disk was left as it was.",
        "make the file and its folder writable (and not a folder or a dangling link), then build again.", "");

    public static readonly DiagnosticDescriptor ReadFailed = new(
        "TPB041", Error, "A file could not be read",
        "Could not read '{0}': {1}",
        "make the file readable, then build again.", "");

    public static readonly DiagnosticDescriptor ConflictingProjects = new(
        "TPB042", Error, "Two projects generate different content for the same file",
        "'{0}' was generated by '{1}', and '{2}' would generate it differently; two projects with different settings would overwrite each other build after build.",
        "give both projects the same TrustedPublish* settings, or set TrustedPublishEnabled=false in all but one; if '{1}' no longer generates it, delete the file and build again.", "");

    public static readonly DiagnosticDescriptor SymbolicLink = new(
        "TPB043", Error, "A file is a symbolic link, or its path leads outside the repository",
        "'{0}' {1}; TrustedPublish.Build reads and writes only inside the repository, and never edits through a link (a rename would replace it).",
        "replace the link with the file or folder itself, inside the repository; or set TrustedPublishGenerateEnabled=false and maintain the file by hand.", "");

    public static readonly DiagnosticDescriptor NotARegularFile = new(
        "TPB044", Error, "A file the package reads is not a regular file",
        "'{0}' is {1}, not a regular file; reading it could hang the build or never end, so it was not read.",
        "replace it with a regular file, or remove it.", "");

    public static readonly DiagnosticDescriptor FileTooLarge = new(
        "TPB045", Error, "A file the package reads is too large",
        "'{0}' is larger than {1} MiB, far beyond any real workflow, package.json or .npmrc, so it was not read.",
        "check what the file is and shrink or remove it; real ones are a few kilobytes.", "");

    public static readonly DiagnosticDescriptor PackageJsonKeptByTwoProjects = new(
        "TPB046", Error, "Two projects keep one package.json with different settings",
        "'{0}' is kept by '{1}' (its workflow '{3}' says: {4}) and by '{2}' (which would keep: {5}); each build would undo the other's change.",
        "give both projects the same TrustedPublish* settings for this package, or set TrustedPublishEnabled=false in all but one; if '{1}' no longer generates '{3}', delete that file.", "");

    public static readonly DiagnosticDescriptor WorkflowNotGenerated = new(
        "TPB047", Error, "The workflow file exists and was not generated by TrustedPublish.Build",
        "'{0}' exists and was not written by TrustedPublish.Build (it has no generated header), so it is not replaced: it may be somebody's hand-written release workflow.",
        "keep it by renaming it or by setting TrustedPublishWorkflowFile to another name (npm's Trusted Publisher must name the workflow that publishes); or replace it with the generated one by setting TrustedPublishReplaceWorkflow=true for one build (the checks' findings on the old file are shown then).", "");

    public static readonly DiagnosticDescriptor RepositoryWouldMove = new(
        "TPB048", Error, "package.json names another repository than the default",
        "package.json's repository names {0}, but the default ({2}) resolves to {1}; TrustedPublish.Build did not write that value, so it does not move the package to another repository on the strength of a default.",
        "set TrustedPublishOwner and TrustedPublishRepository to the repository that publishes (the patch then follows them), or correct {2}, or change package.json's repository yourself.", "E404 Not Found - PUT, or E422 from provenance");

    public static readonly DiagnosticDescriptor RepositoryCaseDiffers = new(
        "TPB049", Error, "Two sources name the repository with different case",
        "{0} names {1} and {2} names {3}: they differ only in case, and npm compares the owner and repository case-sensitively.",
        "write the owner and repository exactly as GitHub shows them in both, or set TrustedPublishOwner and TrustedPublishRepository.", "E404 Not Found - PUT, or E422 from provenance");

    // 050-059: publishing to nuget.org (TrustedPublishNuGetUser): its settings and the generated NuGet workflow.
    public static readonly DiagnosticDescriptor NuGetProjectNotPackable = new(
        "TPB050", Error, "NuGet publishing is set on a project that cannot be packed",
        "TrustedPublishNuGetUser is set, but this project has IsPackable '{0}', so dotnet pack would make no package for the workflow to push.",
        "set TrustedPublishNuGetUser in the project that makes the package (IsPackable true, the default for class libraries), or remove it here.", "");

    public static readonly DiagnosticDescriptor NuGetUserInvalid = new(
        "TPB051", Error, "NuGet user is not a nuget.org profile name",
        "TrustedPublishNuGetUser '{0}' is not a nuget.org profile name: {1}.",
        "use the profile name of the nuget.org account or organization that owns the trusted publishing policy, as in https://www.nuget.org/profiles/NAME (letters, digits, '.', '-', '_'; at most 64).", "");

    public static readonly DiagnosticDescriptor NuGetWorkflowFileInvalid = new(
        "TPB052", Error, "NuGet workflow file is not a bare .yml or .yaml file name",
        "TrustedPublishNuGetWorkflowFile '{0}' is not a bare workflow file name: {1}.",
        "use only the file name, such as 'publish-nuget.yml' (the default); the file always lives in .github/workflows/, and nuget.org's policy takes the bare name too.", "");

    public static readonly DiagnosticDescriptor NuGetWorkflowFileTaken = new(
        "TPB053", Error, "The NuGet workflow file is the npm workflow's file",
        "TrustedPublishNuGetWorkflowFile and TrustedPublishWorkflowFile are both '{0}'; the two workflows cannot share one file.",
        "give TrustedPublishNuGetWorkflowFile another name, such as 'publish-nuget.yml' (the default).", "");

    public static readonly DiagnosticDescriptor DotNetVersionInvalid = new(
        "TPB054", Error, ".NET SDK version is not one setup-dotnet can install",
        "TrustedPublishDotNetVersion '{0}' cannot be used: {1}.",
        "use an SDK version such as 10.0.x (the default) or 10.0.100, or add a global.json to the repository root (setup-dotnet then installs the SDK it names, and this property is not used).", "");

    public static readonly DiagnosticDescriptor NuGetPackageIdInvalid = new(
        "TPB055", Error, "PackageId is not a NuGet package id the workflow can check",
        "PackageId '{0}' cannot be published from the generated workflow: {1}.",
        "set PackageId to a NuGet id such as 'Acme.Widget' (ASCII letters, digits, '_', and single '.' or '-' between them; at most 100 characters).", "");

    public static readonly DiagnosticDescriptor NuGetTestProjectInvalid = new(
        "TPB056", Error, "NuGet test project is not a plain relative path",
        "TrustedPublishNuGetTestProject '{0}' cannot be put in the workflow: {1}.",
        "name a solution or project relative to the repository root, such as 'Widget.sln' or 'tests/Widget.Tests/Widget.Tests.csproj', or remove the property to run dotnet test in the repository root.", "");

    public static readonly DiagnosticDescriptor NuGetProjectPathUnsafe = new(
        "TPB057", Error, "The project's path cannot be put in a generated workflow",
        "The project's path '{0}' {1}, and GitHub would read it as part of the workflow's build or pack step.",
        "rename the folder or the project file (letters, digits, spaces and . _ - / are safe).", "");

    // 060-069: .npmrc files.
    public static readonly DiagnosticDescriptor ScopeRegistryRedirect = new(
        "TPB060", Error, ".npmrc sends the package's scope to another registry",
        "{0} sends {1} packages to {2}, so npm publish goes there instead of registry.npmjs.org (a --registry flag does not override a scope registry).",
        "remove the {1}:registry line, or point it at https://registry.npmjs.org/.", "E404 Not Found - PUT or ENEEDAUTH");

    public static readonly DiagnosticDescriptor RegistryRedirect = new(
        "TPB061", Warning, ".npmrc points npm at another registry",
        "{0} sets registry to {1}; a publish that does not pass --registry https://registry.npmjs.org/ goes there.",
        "publish with --registry https://registry.npmjs.org/ (the generated workflow does), or remove the registry line.", "E404 Not Found - PUT or ENEEDAUTH");

    public static readonly DiagnosticDescriptor NpmrcTokenPlaceholder = new(
        "TPB062", Warning, ".npmrc sets up a credential (_authToken, _auth or _password) for npmjs.org",
        "{0} configures a credential ({1}) for registry.npmjs.org; when OIDC fails, npm falls back to this token path and reports a misleading error.",
        "remove the {1} line: trusted publishing needs no token or password.", "'Access token expired or revoked' (E404) instead of the real cause");

    public static readonly DiagnosticDescriptor NpmrcLiteralToken = new(
        "TPB063", Error, ".npmrc holds a literal credential (_authToken, _auth or _password)",
        "{0} holds a literal credential ({2}) for {1} (value not shown). A credential in the repository is a leaked secret, and npm uses it instead of OIDC.",
        "revoke the token or change the password on the registry, remove the line, and rely on trusted publishing.", "'Access token expired or revoked'");

    // 070-082: workflows in .github/workflows that publish to npm (generated or hand-written).
    public static readonly DiagnosticDescriptor TokenInPublishEnv = new(
        "TPB070", Warning, "A long-lived npm token reaches the publish step",
        "{0} is set for the step that runs '{1}': npm 11.5.1+ prefers the OIDC exchange's token, but whenever the exchange cannot run or is refused (no id-token: write, a Trusted Publisher setting that does not match) it publishes with this long-lived token without a word, so a broken trusted-publishing setup goes unnoticed until the token expires.",
        "remove {0} from the workflow (and delete the NPM_TOKEN secret once publishing works with OIDC).", "'Access token expired or revoked' / E404 once the token expires");

    public static readonly DiagnosticDescriptor TokenWrittenToNpmrc = new(
        "TPB071", Warning, "A step writes an npm token into .npmrc",
        "This step writes an _authToken into .npmrc, which npm prefers to OIDC.",
        "remove the step: trusted publishing needs no .npmrc token.", "'Access token expired or revoked'");

    /// <summary>TPB071 when the step is changesets/action before v1.7.0, which writes the token line itself (v1.7.0 only for a non-empty NPM_TOKEN, v2 never).</summary>
    public static readonly DiagnosticDescriptor ChangesetsActionWritesToken = TokenWrittenToNpmrc.Variant(
        "'{0}' is older than changesets/action v1.7.0, which always writes '//registry.npmjs.org/:_authToken=${{NPM_TOKEN}}' into .npmrc before publishing; with no NPM_TOKEN the token is the literal 'undefined', and npm takes it when OIDC fails.",
        "add NPM_TOKEN: '' to the step's env (the workaround changesets documents), or update changesets/action to v1.7.0 or newer (v2 no longer touches .npmrc).", "'Access token expired or revoked'");

    public static readonly DiagnosticDescriptor TokenInputToPublishAction = new(
        "TPB072", Warning, "A publish action gets a token input",
        "{0} gets the token input '{1}', so it publishes with a long-lived token instead of trusted publishing.",
        "remove the token input (and use npm publish with id-token: write), or check that the action supports OIDC without a token.", "'Access token expired or revoked'");

    public static readonly DiagnosticDescriptor MissingIdToken = new(
        "TPB073", Error, "The publishing job lacks id-token: write",
        "Job '{0}' publishes to npm but is not granted 'id-token: write' ({1}), so npm cannot get an OIDC token.",
        "add 'permissions: {{ contents: read, id-token: write }}' to the job.", "ENEEDAUTH, or E404 with 'Access token expired or revoked' when a token is configured");

    public static readonly DiagnosticDescriptor SelfHostedRunner = new(
        "TPB074", Error, "The publishing job runs on a self-hosted runner",
        "Job '{0}' publishes to npm from runs-on {1}; npm trusted publishing accepts only GitHub-hosted runners.",
        "run the publishing job on a GitHub-hosted runner such as ubuntu-latest.", "E404 Not Found - PUT (OIDC token rejected)");

    public static readonly DiagnosticDescriptor NpmTooOld = new(
        "TPB075", Error, "npm or Node.js is too old for trusted publishing",
        "Job '{0}' publishes with {1}, whose npm is older than 11.5.1, and no step upgrades npm before publishing.",
        "use node-version '24', or add 'npm install -g npm@^11.5.1' before publishing (Node 22.14 or newer).", "ENEEDAUTH or E404 Not Found - PUT");

    /// <summary>TPB075 when Node itself is the cause: below 22.14.0 no npm upgrade helps, so the fix is a newer Node.</summary>
    public static readonly DiagnosticDescriptor NodeTooOldForTrustedPublishing = NpmTooOld.Variant(
        "Job '{0}' publishes with {1}, older than Node.js 22.14.0, the oldest that npm trusted publishing supports; upgrading npm does not change that (and npm 11.5.1 installs only on Node ^20.17.0 || >=22.9.0).",
        "use node-version '24' (its npm supports trusted publishing), or 22.14 or newer with 'npm install -g npm@^11.5.1' before publishing.",
        "ENEEDAUTH or E404 Not Found - PUT, or EBADENGINE from the npm upgrade");

    /// <summary>TPB075 for pnpm before 11, which packs and runs npm publish on the tarball: the npm on PATH is what must be new enough.</summary>
    public static readonly DiagnosticDescriptor NpmTooOldUnderPnpm = NpmTooOld.Variant(
        "Job '{0}' publishes with pnpm {2}, which packs the package and runs npm publish on the tarball, and {1} has an npm older than 11.5.1 that no step upgrades before publishing.",
        "use node-version '24', or add 'npm install -g npm@^11.5.1' before publishing (Node 22.14 or newer), or use pnpm 11.1.3 or newer, which does the OIDC exchange itself.", "ENEEDAUTH or E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor NpmLatestRefused = new(
        "TPB076", Error, "npm@latest refuses this Node version",
        "'{0}' installs npm 12, whose engines (^22.22.2 || ^24.15.0 || >=26) refuse Node {1}.",
        "install npm@^11.5.1 instead of npm@latest, or use node-version '24'.", "EBADENGINE");

    public static readonly DiagnosticDescriptor ReusableWorkflowPublishes = new(
        "TPB077", Warning, "A reusable workflow publishes",
        "'{0}' is a reusable workflow (on: workflow_call) that publishes; npm checks the CALLING workflow's file name against the trusted publisher, not this one.",
        "register the calling workflow's file name in npm's Trusted Publisher settings, and grant id-token: write in both; or publish from the registered workflow itself.", "E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor OtherWorkflowPublishes = new(
        "TPB078", Error, "A workflow other than the configured one publishes the package",
        "'{0}' publishes {1}, but the trusted publisher is registered for '{2}'; npm accepts publishes from that one workflow only.",
        "publish only from '{2}' (remove the publish step here), or set TrustedPublishWorkflowFile to '{0}' and update npm's Trusted Publisher settings.", "E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor ConfiguredWorkflowDoesNotPublish = new(
        "TPB079", Warning, "The configured workflow does not publish",
        "'{0}' is the workflow registered as trusted publisher (TrustedPublishWorkflowFile), but {1}.",
        "publish from '{0}', or set TrustedPublishWorkflowFile to the workflow that runs npm publish.", "E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor WorkflowUnreadable = new(
        "TPB080", Warning, "A workflow is not valid YAML or is past the reader's limits",
        "'{0}' could not be read as YAML ({1}), so it was not checked.",
        "fix the YAML (GitHub refuses invalid YAML too); past a limit, nest less or reuse anchors less.", "");

    public static readonly DiagnosticDescriptor ProvenanceForcedInWorkflow = new(
        "TPB081", Warning, "A workflow forces provenance",
        "'{0}' forces provenance ({1}); npm makes provenance by itself for public repositories, and forcing it from a private or internal repository fails.",
        "remove it (provenance stays automatic for public repositories); silence with NoWarn TPB081 if the repository is public.", "E422 (Unsupported GitHub Actions source repository visibility: \"private\")");

    /// <summary>TPB081 for yarn npm publish, which never makes provenance unasked: the flag is how a public repository gets it.</summary>
    public static readonly DiagnosticDescriptor ProvenanceForcedUnderYarn = ProvenanceForcedInWorkflow.Variant(
        "'{0}' asks Yarn for provenance ({1}); Yarn makes provenance only when asked, and asking from a private or internal repository fails.",
        "keep it for a public repository and silence with NoWarn TPB081; remove it for a private or internal one.", "E422 (Unsupported GitHub Actions source repository visibility: \"private\")");

    public static readonly DiagnosticDescriptor LeftoverGeneratedWorkflow = new(
        "TPB082", Warning, "A workflow this project generated is no longer the configured one",
        "'{0}' was generated by TrustedPublish.Build from '{1}' but is no longer the configured workflow ('{2}'); it still runs on its triggers and publishes, and the build no longer updates or checks it.",
        "delete '{0}', or set TrustedPublishWorkflowFile back to its file name if that is the workflow registered on npm.", "");

    // 083: findings past the cap, in any file.
    public static readonly DiagnosticDescriptor MoreFindingsNotShown = new(
        "TPB083", Warning, "More findings in a file than are shown",
        "{0} more findings in this file are not shown ({1}); at most {2} are shown per file, errors first.",
        "fix the findings shown and build again to see the rest; this many usually comes from one mistake repeated, such as a job copied or reused through an anchor.", "");

    // 084-089: workflows that publish with pnpm, Yarn or Bun, each of which has (or lacks) its own OIDC exchange.
    public static readonly DiagnosticDescriptor PublisherLacksOidc = new(
        "TPB084", Error, "The publishing tool has no trusted publishing (OIDC)",
        "'{0}' publishes with {1}, which has no trusted publishing (OIDC), so the publish fails or takes a token path.",
        "pack with {1}, then publish the tarball with npm 11.5.1 or newer (node-version '24'), whose OIDC exchange works for a tarball as for a folder: '{2}'.", "");

    /// <summary>TPB084 for yarn npm publish with a Yarn Berry older than 4.10.0, the first whose publish does the OIDC exchange.</summary>
    public static readonly DiagnosticDescriptor YarnTooOldForOidc = PublisherLacksOidc.Variant(
        "'{0}' publishes with Yarn {1}, older than 4.10.0, the first Yarn whose 'yarn npm publish' does the OIDC exchange, so the publish fails or takes a token path.",
        "use Yarn 4.10.3 or newer ('\"packageManager\": \"yarn@4.10.3\"' in package.json, or 'corepack prepare yarn@4.10.3 --activate'), or pack with 'yarn pack --out package.tgz' and publish with 'npm publish ./package.tgz' (npm 11.5.1 or newer).", "");

    public static readonly DiagnosticDescriptor PnpmSendsTokenPlaceholder = new(
        "TPB085", Error, "pnpm 11.0.0-11.1.2 sends setup-node's token placeholder",
        "'{0}' publishes with pnpm {1}, which sends the NODE_AUTH_TOKEN placeholder of the .npmrc that setup-node writes for registry-url '{2}' as a token, instead of doing the OIDC exchange (fixed in pnpm 11.1.3).",
        "use pnpm 11.1.3 or newer, or remove registry-url from setup-node (trusted publishing needs no .npmrc).", "E404 Not Found - PUT");

    // 090-095: hand-written workflows that push to nuget.org.
    public static readonly DiagnosticDescriptor NuGetApiKeySecret = new(
        "TPB090", Warning, "A workflow pushes to nuget.org with a long-lived API key",
        "'{0}' pushes to nuget.org with the API key in {1}, a long-lived secret that can be leaked or forgotten until it expires.",
        "use nuget.org trusted publishing: add a policy for this repository and workflow on nuget.org (Trusted Publishing), grant the job id-token: write, get a one-hour key from NuGet/login, push with --api-key from its NUGET_API_KEY output, then delete the secret and the key; or set TrustedPublishNuGetUser to have the workflow generated.", "");

    public static readonly DiagnosticDescriptor NuGetLoginWithoutIdToken = new(
        "TPB091", Error, "NuGet/login runs in a job without id-token: write",
        "Job '{0}' runs NuGet/login, but {1}, so the action cannot request the OIDC token that nuget.org exchanges for an API key.",
        "add 'permissions: {{ contents: read, id-token: write }}' to job '{0}' (job permissions replace the workflow's).", "");

    public static readonly DiagnosticDescriptor NuGetLoginFromOtherRepository = new(
        "TPB092", Error, "NuGet publishing through a reusable workflow of another repository",
        "Job '{0}' calls '{1}', a reusable workflow of another repository, to publish to nuget.org; the OIDC token's job_workflow_ref then names that repository's workflow, which a trusted publishing policy of this repository does not match.",
        "run NuGet/login and dotnet nuget push in a job of this repository's own workflow (a composite action from another repository is fine: it runs as this workflow), and name that workflow in the nuget.org policy.", "");

    public static readonly DiagnosticDescriptor NuGetPushOnSelfHostedRunner = new(
        "TPB093", Warning, "A job that pushes to nuget.org runs on a self-hosted runner",
        "Job '{0}' pushes to nuget.org on a self-hosted runner ({1}); such a runner keeps files and processes between jobs, so an earlier job can change what is packed or read the key.",
        "use a GitHub-hosted runner such as ubuntu-latest, which starts clean for every job.", "");

    // 099: the package itself.
    public static readonly DiagnosticDescriptor InternalError = new(
        "TPB099", Error, "Unexpected failure inside TrustedPublish.Build",
        "TrustedPublish.Build failed unexpectedly: {0} No file was changed.",
        "build again with -v:diag and report the message at the TrustedPublish.Build issue tracker.", "");

    // 100-109: several packages in one project (TrustedPublishPackage items) and the workflow's trigger.
    public static readonly DiagnosticDescriptor PackageItemFolderMissing = new(
        "TPB100", Error, "A TrustedPublishPackage item's folder holds no package.json",
        "TrustedPublishPackage '{0}' names '{1}', which {2}; nothing was generated.",
        "point Include at a folder that holds the package's package.json, relative to the project's folder (<TrustedPublishPackage Include=\"packages/core\" />), or remove the item.", "");

    public static readonly DiagnosticDescriptor PackageItemOutsideRepository = new(
        "TPB101", Error, "A TrustedPublishPackage item's folder is outside the repository",
        "TrustedPublishPackage '{0}' names '{1}', which is not inside the repository root '{2}'; nothing was generated.",
        "list only folders inside the repository that holds .github/workflows; a package of another repository needs a project there.", "");

    public static readonly DiagnosticDescriptor PackageItemListedTwice = new(
        "TPB102", Error, "One package folder is listed twice",
        "TrustedPublishPackage '{0}' names the folder '{1}', which '{2}' already names; nothing was generated.",
        "keep one TrustedPublishPackage item per package folder, with the metadata that package needs.", "");

    public static readonly DiagnosticDescriptor PackageItemMetadataInvalid = new(
        "TPB103", Error, "A TrustedPublishPackage item's metadata is invalid",
        "TrustedPublishPackage '{0}' has {1}; nothing was generated.",
        "PackageName is an npm package name such as '@scope/name' (when set, package.json's name is patched to it) and Access is 'public' or 'restricted'; remove the metadata to use package.json's name and TrustedPublishAccess.", "E402 or E404");

    public static readonly DiagnosticDescriptor PackagesDoNotShareWorkspace = new(
        "TPB104", Error, "The listed packages do not share one workspace root and package manager",
        "The listed packages would install in different places or with different managers: {0}. One workflow installs once, at one workspace root, with one manager; nothing was generated.",
        "list only packages of one workspace (a root with one lockfile and packageManager), or give each workspace its own project and TrustedPublishWorkflowFile.", "");

    public static readonly DiagnosticDescriptor PackageDependencyCycle = new(
        "TPB105", Error, "The listed packages depend on each other in a cycle",
        "The listed packages depend on each other in a cycle, so no order publishes each one after its dependencies: {0}; nothing was generated.",
        "remove one of these dependencies (dependencies, peerDependencies or optionalDependencies between listed packages), or publish one of the packages from a project of its own.", "");

    public static readonly DiagnosticDescriptor TriggerInvalid = new(
        "TPB106", Error, "TrustedPublishTrigger is neither tag nor release",
        "TrustedPublishTrigger is '{0}', which is neither 'tag' nor 'release'.",
        "set it to tag (the default: a pushed tag that matches TrustedPublishTagPattern publishes) or release (a published GitHub release publishes); workflow_dispatch is always there.", "");

    public static readonly DiagnosticDescriptor PackageListedByTwoProjects = new(
        "TPB107", Error, "A listed package is published by another project's workflow too",
        "{0} is kept and published by '{1}' (in {2}) and by '{3}', which lists it; npm trusts one workflow per package, so one of the two would fail, and each build would rewrite the other's package.json.",
        "publish each package from one project: remove the TrustedPublishPackage item from one project, or the other project's package.json and workflow.", "E404 Not Found - PUT");

    public static readonly DiagnosticDescriptor PropertyIgnoredWithPackageItems = new(
        "TPB108", Warning, "A package property is ignored because the project lists TrustedPublishPackage items",
        "{0} is '{1}', but this project lists TrustedPublishPackage items, and each item names its own package: the property changes nothing.",
        "remove {0}, and set it per package on the item ({2}): <TrustedPublishPackage Include=\"packages/core\" PackageName=\"@acme/core\" />.", "");

    /// <summary>Every descriptor, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        PackageJsonMissing, OwnerUnknown, OwnerInvalid, RepositoryInvalid, PackageNameInvalid,
        WorkflowFileInvalid, NodeVersionInvalid, EnvironmentInvalid, AccessInvalid, BooleanInvalid,
        TagPatternInvalid, RepositoryRootMissing, PackageOutsideRepository, DistTagInvalid, RunnerInvalid,
        ScriptNameInvalid, PropertyBlank, PackageDirectoryUnsafe, RepositorySourcesDisagree,
        PackageJsonInvalid, PackageJsonWrongShape, PackageJsonDrift,
        RepositoryUrlMismatch, ProvenanceForced, ScopedNotPublic, PrereleaseWithoutTag, NameMismatch, DotNetFilesPacked, PackageNotPublishable,
        WorkflowDrift, WorkflowMissing, PackageManagerNotSupported, ActionPinDrift, ActionPinInvalid, PackageManagerVersionNotPinned, PackageManagerPropertyInvalid, UnresolvedDependencyRange,
        WriteFailed, ReadFailed, ConflictingProjects, SymbolicLink, NotARegularFile, FileTooLarge,
        PackageJsonKeptByTwoProjects, WorkflowNotGenerated, RepositoryWouldMove, RepositoryCaseDiffers,
        NuGetProjectNotPackable, NuGetUserInvalid, NuGetWorkflowFileInvalid, NuGetWorkflowFileTaken, DotNetVersionInvalid, NuGetPackageIdInvalid, NuGetTestProjectInvalid, NuGetProjectPathUnsafe,
        ScopeRegistryRedirect, RegistryRedirect, NpmrcTokenPlaceholder, NpmrcLiteralToken,
        TokenInPublishEnv, TokenWrittenToNpmrc, ChangesetsActionWritesToken, TokenInputToPublishAction, MissingIdToken, SelfHostedRunner,
        NpmTooOld, NodeTooOldForTrustedPublishing, NpmTooOldUnderPnpm, NpmLatestRefused, ReusableWorkflowPublishes,
        OtherWorkflowPublishes, ConfiguredWorkflowDoesNotPublish, WorkflowUnreadable,
        ProvenanceForcedInWorkflow, ProvenanceForcedUnderYarn, LeftoverGeneratedWorkflow,
        MoreFindingsNotShown,
        PublisherLacksOidc, YarnTooOldForOidc, PnpmSendsTokenPlaceholder,
        NuGetApiKeySecret, NuGetLoginWithoutIdToken, NuGetLoginFromOtherRepository, NuGetPushOnSelfHostedRunner,
        InternalError,
        PackageItemFolderMissing, PackageItemOutsideRepository, PackageItemListedTwice, PackageItemMetadataInvalid, PackagesDoNotShareWorkspace,
        PackageDependencyCycle, TriggerInvalid, PackageListedByTwoProjects, PropertyIgnoredWithPackageItems,
    };
}
