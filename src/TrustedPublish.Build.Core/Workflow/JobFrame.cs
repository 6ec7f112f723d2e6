namespace TrustedPublish.Build.Workflow;

/// <summary>
/// What every generated workflow (npm, npm workspace, NuGet) shares from `on:` to the job's defaults: the trigger
/// (TrustedPublishTrigger) plus workflow_dispatch, no permissions by default, a concurrency group that never cancels,
/// and the one publishing job's runner, environment, permissions and shell. Values arrive validated.
/// </summary>
internal sealed class JobFrame
{
    public string Trigger { get; set; } = Model.PublishSettings.TagTrigger;

    public string TagPattern { get; set; } = "v*";

    public string ConcurrencyGroup { get; set; } = "";

    public string JobName { get; set; } = "";

    public string RunsOn { get; set; } = "ubuntu-latest";

    public string? Environment { get; set; }

    /// <summary>The job's default working-directory, relative to the repository root; "" for the root (not written).</summary>
    public string RunDirectory { get; set; } = "";

    public void Write(YamlWriter yaml)
    {
        yaml.Key("on");
        yaml.BeginMap();
        if (Trigger == Model.PublishSettings.ReleaseTrigger)
        {
            // A published release (release-please, GitHub's own release page): its tag is GITHUB_REF_NAME, checked as a pushed one is.
            yaml.Key("release");
            yaml.BeginMap();
            yaml.Key("types");
            yaml.BeginSequence();
            yaml.Plain("published");
            yaml.EndSequence();
            yaml.EndMap();
        }
        else
        {
            yaml.Key("push");
            yaml.BeginMap();
            yaml.Key("tags");
            yaml.BeginSequence();
            yaml.Quoted(TagPattern);
            yaml.EndSequence();
            yaml.EndMap();
        }

        yaml.EmptyMap("workflow_dispatch");
        yaml.EndMap();

        // Nothing by default; the publishing job asks for exactly what it needs (zizmor: excessive-permissions).
        yaml.EmptyMap("permissions");

        // One publish at a time per workflow; never cancel one that is running (a half-done publish, or a .nupkg without its
        // .snupkg, is worse than a wait).
        yaml.Key("concurrency");
        yaml.BeginMap();
        yaml.QuotedEntry("group", ConcurrencyGroup);
        yaml.PlainEntry("cancel-in-progress", "false");
        yaml.EndMap();

        yaml.Key("jobs");
        yaml.BeginMap();
        yaml.Key("publish");
        yaml.BeginMap();
        yaml.QuotedEntry("name", JobName);
        yaml.QuotedEntry("runs-on", RunsOn);
        if (Environment != null)
        {
            yaml.QuotedEntry("environment", Environment);
        }

        yaml.Key("permissions");
        yaml.BeginMap();
        yaml.PlainEntry("contents", "read");
        yaml.PlainEntry("id-token", "write");
        yaml.EndMap();

        yaml.Key("defaults");
        yaml.BeginMap();
        yaml.Key("run");
        yaml.BeginMap();
        yaml.PlainEntry("shell", "bash");
        if (RunDirectory.Length > 0)
        {
            yaml.QuotedEntry("working-directory", RunDirectory);
        }

        yaml.EndMap();
        yaml.EndMap();
    }
}
