using System.Net.Sockets;
using System.Security.Authentication;

namespace OrderActors.Cli;

/// <summary>
/// What went wrong between the CLI and the silo when no answer came, and what to do about it. Every such failure was
/// "cannot connect … Is the silo running?", which sent an operator to restart a silo that was running when the host
/// name was wrong, the scheme was https for a plain-HTTP silo, or a proxy cut the answer short (after the command may
/// have been carried out).
/// </summary>
public static class ConnectionFailures
{
    public const string CheckBeforeRetrying =
        "A command that changes something may have been carried out: check (e.g. 'orders show') before running it again.";

    public static string Describe(HttpRequestException exception, Uri url)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(url);
        var at = url.ToString().TrimEnd('/');
        var socket = Find<SocketException>(exception);
        if (exception.HttpRequestError == HttpRequestError.NameResolutionError || socket?.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData)
        {
            return $"cannot connect to {at}: host '{url.Host}' not found (no DNS name resolves to it). Check the host name in --url or {CliOptions.UrlVariable}.";
        }

        if (socket?.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return $"cannot connect to {at}: connection refused, nothing listens on {url.Host}:{url.Port}. Is the silo running, on that port? Pass --url or set {CliOptions.UrlVariable}.";
        }

        if (exception.HttpRequestError == HttpRequestError.SecureConnectionError || Find<AuthenticationException>(exception) is not null)
        {
            return $"cannot connect to {at}: the TLS handshake failed ({Innermost(exception)}). If the silo serves plain HTTP, use http:// in --url; if its certificate is not trusted here, trust its CA on this machine.";
        }

        if (IsCutShort(exception, socket))
        {
            return $"the connection to {at} was closed before the answer was complete (by the silo, or a proxy or load balancer in between). {CheckBeforeRetrying}";
        }

        if (exception.HttpRequestError == HttpRequestError.InvalidResponse)
        {
            return $"{at} did not answer in HTTP ({Innermost(exception)}). Check the port in --url; a silo serving HTTPS needs https://.";
        }

        return $"cannot connect to {at} ({Innermost(exception)}). Check the network between here and the silo, and --url or {CliOptions.UrlVariable}.";
    }

    public static string TimedOut(Exception exception, Uri? url, TimeSpan timeout)
    {
        var at = url?.ToString().TrimEnd('/') ?? CliOptions.DefaultUrl;
        if (Find<ConnectTimedOutException>(exception) is { } connect)
        {
            return $"cannot connect to {at}: {connect.Message} (the host is down or unreachable, or a firewall drops the packets). " +
                $"Nothing was sent, so the command can be run again as it is. Check --url or {CliOptions.UrlVariable} and the network between here and the silo.";
        }

        return $"{at} did not answer in time: no answer within {timeout.TotalSeconds:0.#}s (the silo is overloaded or stuck, or something between holds the answer). {CheckBeforeRetrying} Give a slow command more time with --timeout.";
    }

    /// <summary>Whether a timeout, not a cancellation, ended the request: HttpClient puts a <see cref="TimeoutException"/> inside.</summary>
    public static bool IsTimeout(Exception exception) => exception is TimeoutException || Find<TimeoutException>(exception) is not null;

    /// <summary>The connection ended or was reset after it was made: the request was sent, the answer did not all come.</summary>
    private static bool IsCutShort(HttpRequestException exception, SocketException? socket)
    {
        if (socket?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown)
        {
            return true;
        }

        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } or HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded })
            {
                return true;
            }
        }

        return false;
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
    }
}
