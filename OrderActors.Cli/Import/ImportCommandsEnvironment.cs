using System.Collections;

namespace OrderActors.Cli.Import;

/// <summary>Where an import finds the channel's webhook secret when <c>--secret</c> is not given.</summary>
public static class ImportCommandsEnvironment
{
    public const string SharedSecretVariable = "ORDERACTORS_WEBHOOK_SECRET";

    public static string SecretVariable(string channel) => $"{SharedSecretVariable}_{channel.ToUpperInvariant()}";

    public static string? Secret(string channel, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new[] { SecretVariable(channel), SharedSecretVariable }
            .Select(name => environment[name] as string)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
    }
}
