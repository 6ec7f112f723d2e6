using System.Collections.Generic;
using static TrustedPublish.Build.Diagnostics.DiagnosticSeverity;

namespace TrustedPublish.Build.Diagnostics;

/// <summary>
/// Every diagnostic this package reports, in one place, so that codes stay unique and each one is
/// documented (a test checks both against README.md). Codes are never reused; retire a code by
/// leaving a gap.
/// </summary>
public static class DiagnosticCatalog
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
        "use a GitHub tag filter such as 'v*' (the default) or 'release-*': letters, digits and . - _ / + with * wildcards.", "");

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

    // 020-029: package.json content.
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

    // 030-039: the generated workflow.
    public static readonly DiagnosticDescriptor WorkflowDrift = new(
        "TPB030", Error, "The generated workflow drifted from the file on disk",
        "{0}",
        "run 'dotnet build' without CI=true (or 'dotnet build -t:TrustedPublishGenerate') to regenerate it, and change the TrustedPublish* properties instead of editing the file.", "");

    public static readonly DiagnosticDescriptor WorkflowMissing = new(
        "TPB031", Error, "The workflow file is missing",
        "The workflow '{0}' does not exist.",
        "run 'dotnet build' without CI=true (or 'dotnet build -t:TrustedPublishGenerate') to create it, then commit it.", "");

    // 040-049: writing files.
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
        "'{0}' is generated by both '{1}' and '{2}' with different settings.",
        "give both projects the same TrustedPublish* settings, or set TrustedPublishEnabled=false in all but one.", "");

    public static readonly DiagnosticDescriptor ScriptNameInvalid = new(
        "TPB016", Error, "A check script name cannot be run safely",
        "TrustedPublishCheckScripts names '{0}', which is not a plain npm script name.",
        "list script names made of letters, digits and . _ : - separated by semicolons, such as 'build;test'.", "");

    public static readonly DiagnosticDescriptor PropertyBlank = new(
        "TPB017", Error, "A property holds only spaces",
        "{0} is set but holds only spaces.",
        "remove the property to use its default, or give it a value.", "");

    // 090-099: the package itself.
    public static readonly DiagnosticDescriptor InternalError = new(
        "TPB099", Error, "Unexpected failure inside TrustedPublish.Build",
        "TrustedPublish.Build failed unexpectedly: {0} No file was changed.",
        "build again with -v:diag and report the message at the TrustedPublish.Build issue tracker.", "");

    /// <summary>Every descriptor, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        PackageJsonMissing, OwnerUnknown, OwnerInvalid, RepositoryInvalid, PackageNameInvalid, WorkflowFileInvalid,
        NodeVersionInvalid, EnvironmentInvalid, AccessInvalid, BooleanInvalid, TagPatternInvalid, RepositoryRootMissing,
        PackageOutsideRepository, DistTagInvalid, RunnerInvalid, ScriptNameInvalid, PropertyBlank,
        PackageJsonInvalid, PackageJsonWrongShape, PackageJsonDrift,
        WorkflowDrift, WorkflowMissing,
        WriteFailed, ReadFailed, ConflictingProjects,
        InternalError,
    };
}
