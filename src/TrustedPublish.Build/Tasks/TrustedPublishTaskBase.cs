using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.IO;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Rules;

namespace TrustedPublish.Build.Tasks;

/// <summary>
/// What generate and verify share: the TrustedPublish* properties as parameters, reading the files
/// the core needs, and logging its diagnostics in MSBuild's canonical form. A failure of any kind
/// becomes a TPB error; the task never ends with a stack trace.
/// </summary>
public abstract class TrustedPublishTaskBase : Task
{
    /// <summary>
    /// The project file: named in messages, and read to find the line of a property a diagnostic is about.
    /// The settings themselves come in <see cref="Values"/>.
    /// </summary>
    [Required]
    public ITaskItem Settings { get; set; } = null!;

    /// <summary>
    /// The TrustedPublishActionPin items: the action (owner/repo) as the item, with metadata <c>Sha</c> (the full commit
    /// SHA) and <c>Version</c> (its release, such as v7.2.0). Each replaces the package's pin for that action.
    /// </summary>
    public ITaskItem[] ActionPins { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// The TrustedPublishPackage items: a package folder relative to the project's folder as the item, with optional
    /// metadata <c>PackageName</c> (the npm name to publish as) and <c>Access</c> (public or restricted). With items the
    /// project publishes exactly these packages from one workflow, and its own folder only when it is listed.
    /// </summary>
    public ITaskItem[] Packages { get; set; } = Array.Empty<ITaskItem>();

    private string ProjectFile => Settings.ItemSpec;

    /// <summary>Folder holding .github/workflows.</summary>
    protected string RepositoryRoot => Value("RepositoryRoot");

    /// <summary>Folder holding package.json.</summary>
    protected string PackageDirectory => Value("PackageDirectory");

    /// <summary>
    /// The settings, one item per setting (its name, and its value as Value metadata), declared once in the targets
    /// (`_TrustedPublishSetting`); the up-to-date cache is written from the same list. An absent name reads as "".
    /// </summary>
    [Required]
    public ITaskItem[] Values { get; set; } = Array.Empty<ITaskItem>();

    private Dictionary<string, string>? _values;

    private string Value(string name)
    {
        _values ??= Values.GroupBy(v => v.ItemSpec, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().GetMetadata("Value"), StringComparer.Ordinal);
        return _values.TryGetValue(name, out var value) ? value : "";
    }

    public sealed override bool Execute()
    {
        try
        {
            Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
        {
            Log.LogError(null, DiagnosticCatalog.InternalError.Code, null, ProjectFile, 1, 1, 0, 0,
                DiagnosticCatalog.InternalError.Create(ProjectFile, 1, 1, ex.GetType().Name + ": " + ex.Message).Message);

            // The fix says "build again with -v:diag": that is where the stack trace is, never in the error itself.
            Log.LogMessage(MessageImportance.Low, "TrustedPublish.Build: " + ex);
        }

        return !Log.HasLoggedErrors;
    }

    protected abstract void Run();

    /// <summary>Full path of package.json.</summary>
    protected string PackageJsonPath => Path.GetFullPath(Path.Combine(PackageDirectory.Length == 0 ? "." : PackageDirectory, "package.json"));

    private protected string WorkflowPath(PublishSettings settings) =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, ".github", "workflows", settings.WorkflowFile));

    /// <summary>
    /// True when the project publishes to npm: package.json is beside it, or TrustedPublishPackageDirectory is set (and then
    /// must hold one, TPB001). The targets decide the same way whether the project has anything to do.
    /// </summary>
    private protected bool PublishesToNpm => Packages.Length > 0 || Value("PackageDirectoryProperty").Length > 0 || File.Exists(PackageJsonPath);

    /// <summary>True when the project lists its packages (TrustedPublishPackage items) instead of being one.</summary>
    private protected bool ListsPackages => Packages.Length > 0;

    /// <summary>True when the project publishes to nuget.org (TrustedPublishNuGetUser is set).</summary>
    private protected bool PublishesToNuGet => Value("NuGetUser").Length > 0;

    private TrustedPublishInputs? _inputs;
    private bool _inputsRead;

    /// <summary>Reads everything the core needs, once per task run; null (with errors logged) when a file cannot be read.</summary>
    private protected TrustedPublishInputs? ReadInputs()
    {
        if (!_inputsRead)
        {
            _inputs = ReadInputsOnce();
            _inputsRead = true;
        }

        return _inputs;
    }

    private TrustedPublishInputs? ReadInputsOnce()
    {
        var npm = PublishesToNpm;
        var projectFileText = File.Exists(ProjectFile) ? File.ReadAllText(ProjectFile) : null;
        SourceSpan At(string property) => ProjectFileLocator.Find(ProjectFile, projectFileText, property);

        // Needed before the settings are resolved (it says where package.json is), so asked here; the resolver owns TPB017.
        var packageDirectoryProperty = Value("PackageDirectoryProperty");
        if (SettingsResolver.Blank("TrustedPublishPackageDirectory", packageDirectoryProperty, At) is { } blank)
        {
            Report(blank);
            return null;
        }

        var packageJsonPath = PackageJsonPath;
        if (npm && !ListsPackages && (Directory.Exists(packageJsonPath) || !File.Exists(packageJsonPath)))
        {
            Report(DiagnosticCatalog.PackageJsonMissing.Create(At("TrustedPublishPackageDirectory"), packageDirectoryProperty.Length > 0 ? packageDirectoryProperty : PackageDirectory));
            return null;
        }

        if (RepositoryRoot.Length == 0)
        {
            Report(DiagnosticCatalog.RepositoryRootMissing.Create(At("TrustedPublishRepositoryRoot"), Path.GetDirectoryName(ProjectFile)));
            return null;
        }

        var packageDirectory = RepositoryFiles.RelativePath(RepositoryRoot, PackageDirectory);
        if (packageDirectory == null && !ListsPackages)
        {
            Report(DiagnosticCatalog.PackageOutsideRepository.Create(At("TrustedPublishPackageDirectory"), PackageDirectory, RepositoryRoot));
            return null;
        }

        var files = new RepositoryFileSystem(RepositoryRoot);
        var inputs = new TrustedPublishInputs
        {
            ProjectPath = RepositoryFiles.RelativePath(RepositoryRoot, ProjectFile) ?? Path.GetFileName(ProjectFile),
            ProjectFile = ProjectFile,
            Owner = Value("Owner"),
            Repository = Value("Repository"),
            PackageName = Value("PackageName"),
            NodeVersion = Value("NodeVersion"),
            WorkflowFile = Value("WorkflowFile"),
            Environment = Value("Environment"),
            Access = Value("Access"),
            Provenance = Value("Provenance"),
            TagPattern = Value("TagPattern"),
            DistTag = Value("DistTag"),
            RunsOn = Value("RunsOn"),
            PinActions = Value("PinActions"),
            Trigger = Value("Trigger"),
            RepositoryRoot = RepositoryRoot,
            CheckScripts = Value("CheckScripts"),
            ReplaceWorkflow = Value("ReplaceWorkflow"),
            NuGetUser = Value("NuGetUser"),
            NuGetWorkflowFile = Value("NuGetWorkflowFile"),
            NuGetTestProject = Value("NuGetTestProject"),
            DotNetVersion = Value("DotNetVersion"),
            DotNetBuild = Value("DotNetBuild"),
            IsPackable = Value("IsPackable"),
            PackageId = Value("PackageId"),
            HasGlobalJson = File.Exists(Path.Combine(RepositoryRoot, "global.json")),
            RepositoryUrl = Value("RepositoryUrl"),
            GenerateEnabled = !string.Equals(Value("GenerateEnabled"), "false", StringComparison.OrdinalIgnoreCase),
            PackageDirectory = packageDirectory ?? "",
            PackageJsonPath = packageJsonPath,
            PackageManager = Value("PackageManager"),
            PackageDirectoryProperty = packageDirectoryProperty,

            // Read lazily, folder by folder, only if the check of what npm would pack runs (TPB028).
            PackageFolder = npm && !ListsPackages ? new PackageFolderReader(files, PackageDirectory) : null,
        };

        // The file being read, so a failure names the right one.
        var reading = packageJsonPath;
        try
        {
            // A project that publishes to nuget.org only has no package.json, and one that lists its packages does not publish
            // its own folder's; the core then reads none.
            inputs.PackageJson = npm && !ListsPackages ? files.ReadInside(packageJsonPath) : Array.Empty<byte>();
            inputs.ProjectFileText = projectFileText;
            inputs.ActionPins = ReadActionPins(projectFileText, ref reading);
            inputs.PackageManagerFolders = ListsPackages ? new PackageManagerFolder[0] : RepositoryFiles.ReadPackageManagerFolders(files, PackageDirectory, RepositoryRoot);
            inputs.Packages = ReadPackages(files, projectFileText, ref reading);
            inputs.Workflows = ReadWorkflows(files, ref reading);
            inputs.ExistingGeneratingProjects = inputs.Workflows
                .Select(w => Workflow.WorkflowGenerator.ReadGeneratingProject(w.Text))
                .Where(owner => owner != null && ProjectExists(owner))
                .Select(owner => owner!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            inputs.Npmrcs = npm ? ReadNpmrcs(files, ListsPackages ? RepositoryRoot : PackageDirectory, ref reading) : new List<RepositoryFile>();
            if (inputs.Owner.Trim().Length == 0 || inputs.Repository.Trim().Length == 0)
            {
                // git's own files may live outside the work tree (worktrees, submodules): regular files only, bounded.
                inputs.GitConfigPath = RepositoryFiles.FindGitConfig(RepositoryRoot);
                reading = inputs.GitConfigPath ?? reading;
                inputs.GitConfigText = inputs.GitConfigPath == null ? null : RepositoryFileSystem.ReadText(inputs.GitConfigPath);
            }
        }
        catch (RefusedFileException refused)
        {
            Report(refused.Diagnostic);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(DiagnosticCatalog.ReadFailed.Create(reading, 1, 1, reading, ex.Message));
            return null;
        }

        return inputs;
    }

    /// <summary>What generate and verify share: the inputs, the engine's result (diagnostics reported), and what the workflow should hold.</summary>
    private protected sealed class Generated
    {
        public Generated(TrustedPublishInputs inputs, TrustedPublishResult result, string workflowPath, string expected, string? onDisk)
        {
            Inputs = inputs;
            Result = result;
            WorkflowPath = workflowPath;
            Expected = expected;
            OnDisk = onDisk;
        }

        public TrustedPublishInputs Inputs { get; }

        public TrustedPublishResult Result { get; }

        public PublishSettings Settings => Result.Settings!;

        public string WorkflowPath { get; }

        /// <summary>The workflow text this project stands for (another project's, when that one owns the file with the same settings).</summary>
        public string Expected { get; }

        /// <summary>The workflow on disk, or null when there is none.</summary>
        public string? OnDisk { get; }
    }

    /// <summary>Reads, runs the engine, reports its diagnostics and resolves the workflow; null when nothing can be written or compared.</summary>
    private protected Generated? ReadAndGenerate(out double readMs, out double engineMs)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inputs = ReadInputs();
        readMs = clock.Elapsed.TotalMilliseconds;
        engineMs = 0;
        if (inputs == null)
        {
            return null;
        }

        var result = TrustedPublishEngine.Run(inputs);
        engineMs = clock.Elapsed.TotalMilliseconds - readMs;
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        // Rule findings about other files do not stop generation; only a failure to work out the settings does.
        if (result.Settings == null || result.Workflow == null)
        {
            return null;
        }

        var path = WorkflowPath(result.Settings);
        var workflow = ResolveWorkflow(result, inputs, path);
        return workflow == null ? null : new Generated(inputs, result, path, workflow.Value.Expected, workflow.Value.OnDisk);
    }

    /// <summary>
    /// The TrustedPublishActionPin items as plain values. An item defined in an imported file (Directory.Build.props)
    /// carries that file's text, so an error points at the item's line there; those files are the user's build files,
    /// read only when they define an item, and only up to the size a real project file could have.
    /// </summary>
    private List<ActionPinItem> ReadActionPins(string? projectFileText, ref string reading)
    {
        const long MaxImportSize = 1024 * 1024;
        var items = new List<ActionPinItem>();
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var item in ActionPins)
        {
            var file = item.GetMetadata("DefiningProjectFullPath");
            string? text = null;
            if (file.Length == 0 || string.Equals(Path.GetFullPath(file), Path.GetFullPath(ProjectFile), StringComparison.Ordinal))
            {
                file = ProjectFile;
                text = projectFileText;
            }
            else if (!texts.TryGetValue(file, out text))
            {
                reading = file;
                text = File.Exists(file) && new FileInfo(file).Length <= MaxImportSize ? File.ReadAllText(file) : null;
                texts[file] = text;
            }

            items.Add(new ActionPinItem(item.ItemSpec, item.GetMetadata("Sha"), item.GetMetadata("Version"), file, text));
        }

        return items;
    }

    /// <summary>Every *.yml and *.yaml in .github/workflows, in a fixed order.</summary>
    private List<RepositoryFile> ReadWorkflows(RepositoryFileSystem repository, ref string reading)
    {
        var folder = Path.Combine(RepositoryRoot, ".github", "workflows");
        var files = new List<RepositoryFile>();
        if (!Directory.Exists(folder))
        {
            return files;
        }

        reading = folder;
        repository.EnsureInside(folder);
        var paths = Directory.GetFiles(folder, "*.yml").Concat(Directory.GetFiles(folder, "*.yaml")).OrderBy(p => p, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            reading = path;
            files.Add(new RepositoryFile(path, Display(path), repository.ReadExactTextInside(path)));
        }

        return files;
    }

    /// <summary>
    /// The TrustedPublishPackage items as plain values, with what the disk holds for each: whether the folder is inside the
    /// repository and exists, its package.json, the folders package-manager detection reads, and its .npmrc. The core
    /// judges them (TPB100-TPB103); a file that cannot be read safely stops here as for the project's own package.json.
    /// </summary>
    private List<PackageItem> ReadPackages(RepositoryFileSystem files, string? projectFileText, ref string reading)
    {
        var items = new List<PackageItem>();
        var projectFolder = Path.GetDirectoryName(Path.GetFullPath(ProjectFile)) ?? ".";
        foreach (var item in Packages)
        {
            var definedIn = item.GetMetadata("DefiningProjectFullPath");
            var inProject = definedIn.Length == 0 || string.Equals(Path.GetFullPath(definedIn), Path.GetFullPath(ProjectFile), StringComparison.Ordinal);
            var full = Path.GetFullPath(Path.Combine(projectFolder, item.ItemSpec));
            var package = new PackageItem
            {
                Include = item.ItemSpec,
                PackageName = item.GetMetadata("PackageName"),
                Access = item.GetMetadata("Access"),
                File = inProject ? null : definedIn,
                FileText = inProject ? null : ReadImport(definedIn, ref reading),
                FullDirectory = full,
                Directory = RepositoryFiles.RelativePath(RepositoryRoot, full),
                PackageJsonPath = Path.Combine(full, "package.json"),
                FolderExists = Directory.Exists(full),
            };
            items.Add(package);
            if (package.Directory == null || !File.Exists(package.PackageJsonPath))
            {
                continue;
            }

            reading = package.PackageJsonPath;
            package.PackageJson = files.ReadInside(package.PackageJsonPath);
            package.PackageManagerFolders = RepositoryFiles.ReadPackageManagerFolders(files, full, RepositoryRoot);
            package.PackageFolder = new PackageFolderReader(files, full);
            var npmrc = Path.Combine(full, ".npmrc");
            if (File.Exists(npmrc) && package.Directory.Length > 0)
            {
                reading = npmrc;
                package.Npmrc = new RepositoryFile(npmrc, Display(npmrc), files.ReadTextInside(npmrc));
            }
        }

        return items;
    }

    /// <summary>An imported build file's text (Directory.Build.props), to point an item's error at its line; null when it is too large for a project file.</summary>
    private static string? ReadImport(string file, ref string reading)
    {
        reading = file;
        return File.Exists(file) && new FileInfo(file).Length <= 1024 * 1024 ? File.ReadAllText(file) : null;
    }

    /// <summary>The repository's .npmrc and the package's, when they exist.</summary>
    private List<RepositoryFile> ReadNpmrcs(RepositoryFileSystem repository, string packageDirectory, ref string reading)
    {
        var files = new List<RepositoryFile>();
        foreach (var folder in new[] { RepositoryRoot, packageDirectory }.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, ".npmrc");
            if (File.Exists(path))
            {
                reading = path;
                files.Add(new RepositoryFile(path, Display(path), repository.ReadTextInside(path)));
            }
        }

        return files;
    }

    /// <summary>
    /// What the workflow file should hold, seen from this project: null (with an error logged) when a link or
    /// a folder is in the way, or when another project generated it with different settings (TPB042). When
    /// the file names another existing project that would write the same content, that project's text is
    /// expected, so several projects with the same settings agree on one file.
    /// </summary>
    private (string Expected, string? OnDisk)? ResolveWorkflow(TrustedPublishResult result, TrustedPublishInputs inputs, string path)
    {
        if (!EnsureEditable(new[] { path }.Concat(result.PackageJsonFiles.Select(f => f.Path)).ToArray()) || ReadWorkflowOnDisk(inputs, path) is not (var onDisk, List<string> existing))
        {
            return null;
        }

        var expected = Workflow.WorkflowOwnership.Expected(result, inputs.ProjectPath, onDisk, existing, path, Display(path), out var problem);
        if (problem != null)
        {
            Report(problem);
            return null;
        }

        return (expected!, onDisk);
    }

    /// <summary>What the NuGet workflow should hold, seen from this project, decided the way the npm workflow's is.</summary>
    private protected (string Expected, string? OnDisk)? ResolveNuGetWorkflow(NuGetPublishResult result, TrustedPublishInputs inputs, string path)
    {
        if (!EnsureEditable(path) || ReadWorkflowOnDisk(inputs, path) is not (var onDisk, List<string> existing))
        {
            return null;
        }

        var settings = result.Settings!;
        var expected = Workflow.WorkflowOwnership.Expected(result.Workflow!, settings.ReplaceWorkflow, settings.WorkflowFile, owner => NuGetPublishEngine.RenderAs(settings, owner), inputs.ProjectPath, onDisk, existing, path, Display(path), out var problem);
        if (problem != null)
        {
            Report(problem);
            return null;
        }

        return (expected!, onDisk);
    }

    /// <summary>The NuGet engine's result with its diagnostics reported, the workflow's path, and what it should hold; null when nothing can be written or compared.</summary>
    private protected (NuGetPublishResult Result, string Path, string Expected, string? OnDisk)? ReadAndGenerateNuGet()
    {
        var inputs = ReadInputs();
        if (inputs == null)
        {
            return null;
        }

        // With package.json too, the npm engine's run of the checks already covered the NuGet ones.
        var result = NuGetPublishEngine.Generate(inputs, runRules: !PublishesToNpm);
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        if (result.Settings == null)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, ".github", "workflows", result.Settings.WorkflowFile));
        return ResolveNuGetWorkflow(result, inputs, path) is (string expected, var onDisk) ? (result, path, expected, onDisk) : null;
    }

    /// <summary>False (with TPB043 reported) when a file is a link or a linked folder on its way leads outside the repository.</summary>
    private bool EnsureEditable(params string[] paths)
    {
        var repository = new RepositoryFileSystem(RepositoryRoot);
        foreach (var file in paths)
        {
            // Neither file may be a link, and a linked folder on the way (.github, .github/workflows, the package folder) must not lead outside.
            try
            {
                repository.EnsureEditableInside(file, Display(file));
            }
            catch (RefusedFileException refused)
            {
                Report(refused.Diagnostic);
                return false;
            }
        }

        return true;
    }

    /// <summary>The workflow on disk (null when there is none) and the projects named in generated headers that still exist; null with an error reported when it cannot be read.</summary>
    private (string? OnDisk, List<string> Existing)? ReadWorkflowOnDisk(TrustedPublishInputs inputs, string path)
    {
        var repository = new RepositoryFileSystem(RepositoryRoot);
        string? onDisk;
        try
        {
            if (Directory.Exists(path))
            {
                throw new IOException("a folder has that name.");
            }

            // ReadInputs already read every workflow; read again only when the name was not among them.
            var known = inputs.Workflows.FirstOrDefault(w => string.Equals(w.Path, path, StringComparison.Ordinal));
            onDisk = known != null ? known.Text : File.Exists(path) ? repository.ReadExactTextInside(path) : null;
        }
        catch (RefusedFileException refused)
        {
            Report(refused.Diagnostic);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(DiagnosticCatalog.ReadFailed.Create(path, 1, 1, path, ex.Message));
            return null;
        }

        // The decision is the core's; the one fact it cannot see is whether a project named in a header still exists.
        var existing = new List<string>(inputs.ExistingGeneratingProjects);
        if (Workflow.WorkflowGenerator.ReadGeneratingProject(onDisk) is string owner && !existing.Contains(owner) && ProjectExists(owner))
        {
            existing.Add(owner);
        }

        return (onDisk, existing);
    }

    /// <summary>The repository's lock (see <see cref="RepositoryLock"/>); null, with TPB040 reported, when it cannot be had.</summary>
    private protected RepositoryLock? AcquireRepositoryLock()
    {
        if (RepositoryRoot.Length == 0)
        {
            // ReadInputs reports the missing root (TPB012); there is nothing to lock.
            return RepositoryLock.None;
        }

        try
        {
            return RepositoryLock.Acquire(RepositoryFileSystem.RealPath(RepositoryRoot) ?? Path.GetFullPath(RepositoryRoot));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ReportWriteFailed(ProjectFile, ex);
            return null;
        }
    }

    /// <summary>TPB040 for <paramref name="file"/>: it, or the repository's lock, could not be written.</summary>
    private protected void ReportWriteFailed(string file, Exception ex) => Report(DiagnosticCatalog.WriteFailed.Create(file, 1, 1, file, ex.Message));

    /// <summary>Whether a project named in a generated header (relative to the repository root) still exists.</summary>
    private bool ProjectExists(string relativePath)
    {
        try
        {
            return File.Exists(Path.Combine(RepositoryRoot, relativePath));
        }
        catch (ArgumentException)
        {
            return false; // A header edited to hold characters no path can.
        }
    }

    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    private protected void Report(Diagnostic diagnostic)
    {
        var file = diagnostic.File ?? ProjectFile;

        // A project that publishes to npm and nuget.org resolves the settings both share twice: each finding is said once.
        if (!_reported.Add($"{diagnostic.Code}|{file}|{diagnostic.Line}|{diagnostic.Column}|{diagnostic.Message}"))
        {
            return;
        }

        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                Log.LogError(null, diagnostic.Code, null, file, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
                break;
            case DiagnosticSeverity.Warning:
                Log.LogWarning(null, diagnostic.Code, null, file, diagnostic.Line, diagnostic.Column, 0, 0, diagnostic.Message);
                break;
            default:
                Log.LogMessage(null, diagnostic.Code, null, file, diagnostic.Line, diagnostic.Column, 0, 0, MessageImportance.Normal, diagnostic.Message);
                break;
        }
    }

    /// <summary>Path relative to the repository root for messages, forward slashes.</summary>
    protected string Display(string path) => RepositoryFiles.RelativePath(RepositoryRoot, path) ?? path;
}
