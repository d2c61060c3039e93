using System.Collections;
using System.CommandLine;

namespace OrderActors.Cli;

/// <summary>Where to connect and with which key: the option, else the environment variable, else the default.</summary>
public sealed record CliSettings(Uri Url, string? ApiKey, bool Json)
{
    public static CliSettings From(ParseResult parse, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        var url = parse.GetValue(CliOptions.Url) ?? environment[CliOptions.UrlVariable] as string;
        var key = parse.GetValue(CliOptions.ApiKey) ?? environment[CliOptions.ApiKeyVariable] as string;
        return new CliSettings(ParseUrl(string.IsNullOrWhiteSpace(url) ? CliOptions.DefaultUrl : url.Trim()), ParseApiKey(key), parse.GetValue(CliOptions.Json));
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
