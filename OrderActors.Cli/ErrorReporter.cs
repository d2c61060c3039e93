using System.Net;
using OrderActors.Client.Http;

namespace OrderActors.Cli;

/// <summary>Turns a failure into one line on stderr that says what to do, and the exit code scripts rely on.</summary>
public static class ErrorReporter
{
    /// <summary>The API's code for a 404 that names nothing.</summary>
    public const string GenericNotFound = "request.not_found";

    public static (int ExitCode, string Message) Describe(Exception exception, CliSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var url = settings?.Url.ToString().TrimEnd('/') ?? CliOptions.DefaultUrl;
        return exception switch
        {
            CliUsageException usage => (ExitCodes.Usage, usage.Message),
            CliAuthException auth => (ExitCodes.ConnectionOrAuth, auth.Message),
            CliRetryHintException { InnerException: { } failure } hint => WithHint(Describe(failure, settings), hint.Message),
            OrderActorsApiException api => FromApi(api, settings),
            _ when ConnectionFailures.IsTimeout(exception) =>
                (ExitCodes.ConnectionOrAuth, ConnectionFailures.TimedOut(exception, settings?.Url, settings?.Timeout ?? CliOptions.DefaultTimeout)),
            HttpRequestException { StatusCode: null } http => (ExitCodes.ConnectionOrAuth, ConnectionFailures.Describe(http, settings?.Url ?? new Uri(CliOptions.DefaultUrl))),
            OperationCanceledException => (ExitCodes.ConnectionOrAuth, $"cancelled before {url} answered. {ConnectionFailures.CheckBeforeRetrying}"),
            FileNotFoundException file => (ExitCodes.Usage, $"file not found: {file.FileName}."),
            DirectoryNotFoundException directory => (ExitCodes.Usage, $"{FirstLine(directory)}"),
            UnauthorizedAccessException access => (ExitCodes.Usage, $"{FirstLine(access)}"),
            _ => (ExitCodes.ApiError, $"{FirstLine(exception)} ({exception.GetType().Name})."),
        };
    }

    /// <summary>Whether <paramref name="exception"/> is the command giving up because it was asked to stop (Ctrl+C).</summary>
    public static bool IsInterruption(Exception exception) =>
        exception is OperationCanceledException or CliRetryHintException { InnerException: OperationCanceledException };

    /// <summary>What a command stopped by Ctrl+C left behind: the answer it was waiting for may not have come.</summary>
    public static string Interrupted(Exception exception, CliSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var url = settings?.Url.ToString().TrimEnd('/') ?? CliOptions.DefaultUrl;
        var then = exception is CliRetryHintException hint ? hint.Message : ConnectionFailures.CheckBeforeRetrying;
        return $"interrupted (Ctrl+C) before {url} answered. {then}";
    }

    public static string FromApiReason(OrderActorsApiException api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var what = api.Errors.Count > 0
            ? string.Join("; ", api.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))
            : (api.Detail ?? api.Title ?? api.Status.ToString()).TrimEnd('.');
        return api.Code is null ? $"{what} ({(int)api.Status})" : $"{what} ({(int)api.Status} {api.Code})";
    }

    private static (int ExitCode, string Message) WithHint((int ExitCode, string Message) described, string hint) =>
        (described.ExitCode, $"{described.Message} {hint}");

    private static (int, string) FromApi(OrderActorsApiException api, CliSettings? settings)
    {
        var status = (int)api.Status;
        return api.Status switch
        {
            HttpStatusCode.Unauthorized when settings?.ApiKey is null =>
                (ExitCodes.ConnectionOrAuth, $"no API key was given ({status}). Pass --api-key or set {CliOptions.ApiKeyVariable}."),
            HttpStatusCode.Unauthorized =>
                (ExitCodes.ConnectionOrAuth, $"the API key was rejected ({status}). Pass --api-key or set {CliOptions.ApiKeyVariable}."),
            HttpStatusCode.Forbidden =>
                (ExitCodes.ConnectionOrAuth, $"the API key lacks the role for this ({status}{(api.Code is null ? string.Empty : " " + api.Code)}). Use a key with the right role."),
            // The API names what it did not find (order.not_found, stock.unknown_sku); request.not_found is its bare 404,
            // for a key, subscription or grain it has not, or a path it does not serve.
            HttpStatusCode.NotFound when api.Detail is null && api.Code is null or GenericNotFound =>
                (ExitCodes.ApiError, $"not found ({status}{(api.Code is null ? string.Empty : " " + api.Code)}): the resource does not exist, or this silo has no such endpoint (check --url and the silo's version)."),
            _ when api.IsTransient =>
                (ExitCodes.ApiError, $"{FromApiReason(api)}. The service asks to retry{(api.RetryAfter is { } after ? $" in {after.TotalSeconds:0}s" : string.Empty)}."),
            _ => (ExitCodes.ApiError, FromApiReason(api) + "."),
        };
    }

    private static string FirstLine(Exception exception) =>
        exception.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
