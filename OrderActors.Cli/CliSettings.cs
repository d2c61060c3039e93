using System.Collections;
using System.CommandLine;

namespace OrderActors.Cli;

/// <summary>Where to connect and with which key: the option, else the environment variable, else the default.</summary>
public sealed record CliSettings(Uri Url, string? ApiKey, bool Json)
{
    /// <summary>How long each request may take before it is given up (<c>--timeout</c>).</summary>
    public TimeSpan Timeout { get; init; } = CliOptions.DefaultTimeout;

    public static CliSettings From(ParseResult parse, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        var url = parse.GetValue(CliOptions.Url) ?? environment[CliOptions.UrlVariable] as string;
        var key = parse.GetValue(CliOptions.ApiKey) ?? environment[CliOptions.ApiKeyVariable] as string;
        return new CliSettings(ParseUrl(string.IsNullOrWhiteSpace(url) ? CliOptions.DefaultUrl : url.Trim()), ParseApiKey(key), parse.GetValue(CliOptions.Json))
        {
            Timeout = ParseTimeout(parse.GetValue(CliOptions.Timeout)),
        };
    }

    public static TimeSpan ParseTimeout(string? text)
    {
        if (text is null)
        {
            return CliOptions.DefaultTimeout;
        }

        var timeout = Duration.Parse(text, "--timeout");
        return timeout >= TimeSpan.FromSeconds(1) && timeout <= CliOptions.MaxTimeout
            ? timeout
            : throw new CliUsageException($"--timeout '{text}' must be from 1s to 1h.");
    }

    /// <summary>
    /// The key goes in the X-Api-Key header, which carries printable ASCII only. A key pasted with a line break or a
    /// look-alike character would otherwise fail inside the HTTP client and be reported as a connection problem.
    /// </summary>
    public static string? ParseApiKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        key = key.Trim();
        if (key.Any(c => c is < ' ' or > '~'))
        {
            throw new CliUsageException($"the API key contains characters an HTTP header cannot carry (a line break, or a character that is not ASCII). Check --api-key or {CliOptions.ApiKeyVariable}.");
        }

        return key;
    }

    public static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"'{url}' is not an http(s) address. Pass --url like {CliOptions.DefaultUrl} or set {CliOptions.UrlVariable}.");
        }

        return uri;
    }
}
