using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB070: NODE_AUTH_TOKEN or NPM_TOKEN in the env of a publish step (step, job or workflow level).</summary>
internal sealed class TokenInPublishEnvRule : IRepositoryRule
{
    /// <summary>npm's and setup-node's token variables, and Yarn Berry's (`yarn npm publish` reads YARN_NPM_AUTH_TOKEN).</summary>
    private static readonly string[] TokenVariables = { "NODE_AUTH_TOKEN", "NPM_TOKEN", "NPM_CONFIG_TOKEN", "NPM_AUTH_TOKEN", "YARN_NPM_AUTH_TOKEN" };

    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.TokenInPublishEnv };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var publish in context.PublishSteps)
        {
            var env = publish.Step.Env;
            foreach (var name in TokenVariables.Where(env.ContainsKey))
            {
                var key = env[name];

                // An empty value is not a token: changesets documents `NPM_TOKEN: ''` to keep its action off the token path.
                if (publish.Step.EnvValue(key) is YamlScalarNode { Value: null or "" })
                {
                    continue;
                }

                yield return DiagnosticCatalog.TokenInPublishEnv.Create(publish.Workflow.File.Path, (int)key.Start.Line, (int)key.Start.Column, name, publish.Command);
            }
        }
    }
}
