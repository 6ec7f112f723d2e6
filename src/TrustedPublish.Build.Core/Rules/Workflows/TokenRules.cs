using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB070: NODE_AUTH_TOKEN or NPM_TOKEN in the env of a publish step (step, job or workflow level).</summary>
public sealed class TokenInPublishEnvRule : IRepositoryRule
{
    private static readonly string[] TokenVariables = { "NODE_AUTH_TOKEN", "NPM_TOKEN", "NPM_CONFIG_TOKEN", "NPM_AUTH_TOKEN" };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var publish in context.PublishSteps)
        {
            var env = publish.Step.Env;
            foreach (var name in TokenVariables.Where(env.ContainsKey))
            {
                var key = env[name];
                yield return DiagnosticCatalog.TokenInPublishEnv.Create(publish.Workflow.File.Path, (int)key.Start.Line, (int)key.Start.Column, name, publish.Command);
            }
        }
    }
}

/// <summary>TPB071: a step of a publishing job writes an _authToken into .npmrc.</summary>
public sealed class TokenWrittenToNpmrcRule : IRepositoryRule
{
    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var job in context.PublishSteps.Select(p => p.Job).Distinct())
        {
            foreach (var step in job.Steps)
            {
                if (step.Run?.Value is string run && run.IndexOf("_authToken", StringComparison.Ordinal) >= 0)
                {
                    var (line, column) = job.Workflow.Locate(step.Run, "_authToken");
                    yield return DiagnosticCatalog.TokenWrittenToNpmrc.Create(job.Workflow.File.Path, line, column);
                }
            }
        }
    }
}

/// <summary>TPB072: a publish action is handed a token input.</summary>
public sealed class TokenInputToPublishActionRule : IRepositoryRule
{
    private static readonly string[] TokenInputs = { "token", "npm-token", "npm_token", "NPM_TOKEN", "auth-token" };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var publish in context.PublishSteps.Where(p => p.IsAction && p.Step.With != null))
        {
            foreach (var input in TokenInputs)
            {
                var key = WorkflowDocument.KeyNode(publish.Step.With, input);
                if (key != null)
                {
                    yield return DiagnosticCatalog.TokenInputToPublishAction.Create(publish.Workflow.File.Path, (int)key.Start.Line, (int)key.Start.Column, publish.Command, input);
                }
            }
        }
    }
}
