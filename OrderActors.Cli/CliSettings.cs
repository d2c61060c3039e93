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
        return new CliSettings(ParseUrl(string.IsNullOrWhiteSpace(url) ? CliOptions.DefaultUrl : url.Trim()), string.IsNullOrWhiteSpace(key) ? null : key.Trim(), parse.GetValue(CliOptions.Json));
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
