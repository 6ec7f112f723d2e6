using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TrustedPublish.Build.Tasks;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Runs the MSBuild tasks in this process with a fake build engine, as dotnet/sourcelink tests its tasks: fast,
/// and it reaches the errors raised in the MSBuild layer (file system, ownership) without packing the package.
/// </summary>
internal sealed class InProcessTask : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "";

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

    public IEnumerable<string> ErrorCodes => Errors.Select(e => e.Code);

    public string Log => string.Join("\n", Errors.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber}): error {e.Code}: {e.Message}")
        .Concat(Warnings.Select(w => $"{w.File}({w.LineNumber},{w.ColumnNumber}): warning {w.Code}: {w.Message}")));

    /// <summary>The settings as the targets pass them: one item per setting, its value as Value metadata.</summary>
    public static ITaskItem[] Values(IDictionary<string, string> settings) =>
        settings.Select(s =>
        {
            var item = new TaskItem(s.Key);
            item.SetMetadata("Value", s.Value);
            return (ITaskItem)item;
        }).ToArray();

    public static (bool Succeeded, InProcessTask Engine) Run<T>(string projectFile, IDictionary<string, string> metadata, ITaskItem[]? actionPins = null, ITaskItem[]? packages = null)
        where T : TrustedPublishTaskBase, new()
    {
        var engine = new InProcessTask();
        var task = new T
        {
            BuildEngine = engine,
            Settings = new TaskItem(projectFile),
            Values = Values(metadata),
            ActionPins = actionPins ?? Array.Empty<ITaskItem>(),
            Packages = packages ?? Array.Empty<ITaskItem>(),
        };
        return (task.Execute(), engine);
    }
}

/// <summary>A temporary repository with a project beside package.json, for the in-process task tests.</summary>
internal sealed class TaskRepository : IDisposable
{
    public const string PackageJson = "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.0.0\"\n}\n";

    public TaskRepository(string projectProperties = "")
    {
        Root = TestPaths.NewTempFolder("task-repo");
        ProjectFile = Path.Combine(Root, "widget.csproj");
        File.WriteAllText(ProjectFile, $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    {projectProperties}\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(Root, "package.json"), PackageJson);
        Metadata = new Dictionary<string, string>
        {
            ["RepositoryRoot"] = Root + Path.DirectorySeparatorChar,
            ["PackageDirectory"] = Root + Path.DirectorySeparatorChar,
            ["PackageDirectoryProperty"] = "",
            ["RepositoryUrl"] = "https://github.com/Acme-Org/widget",
        };
    }

    public string Root { get; }

    public string ProjectFile { get; }

    public Dictionary<string, string> Metadata { get; }

    /// <summary>The TrustedPublishActionPin items passed to the tasks, as the targets pass @(TrustedPublishActionPin).</summary>
    public List<ITaskItem> ActionPins { get; } = new();

    /// <summary>The TrustedPublishPackage items passed to the tasks, as the targets pass @(TrustedPublishPackage).</summary>
    public List<ITaskItem> Packages { get; } = new();

    public string WorkflowPath => Path.Combine(Root, ".github", "workflows", "publish.yml");

    public string Path_(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public (bool Succeeded, InProcessTask Engine) Generate() => InProcessTask.Run<GenerateTrustedPublishFiles>(ProjectFile, Metadata, ActionPins.ToArray(), Packages.ToArray());

    public (bool Succeeded, InProcessTask Engine) Verify() => InProcessTask.Run<VerifyTrustedPublishFiles>(ProjectFile, Metadata, ActionPins.ToArray(), Packages.ToArray());

    public (bool Succeeded, InProcessTask Engine) Doctor() => InProcessTask.Run<DiagnoseTrustedPublishing>(ProjectFile, Metadata, ActionPins.ToArray(), Packages.ToArray());

    public void Dispose()
    {
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories))
            {
                if (!OperatingSystem.IsWindows() && new FileInfo(entry).LinkTarget == null)
                {
                    File.SetUnixFileMode(entry, (UnixFileMode)0x1FF);
                }
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}
