using System.Net;
using System.Net.Sockets;

namespace OrderActors.Cli;

/// <summary>
/// Keeps the body of the last answer, so <c>--json</c> prints exactly what the API sent; and connects with a timeout of
/// its own, so a connection that was never made (<see cref="ConnectTimedOutException"/>: nothing was sent) is told
/// apart from an answer that did not come (the command may have been carried out).
/// </summary>
public sealed class ResponseCapture : DelegatingHandler
{
    public ResponseCapture(TimeSpan answerTimeout)
        : base(new SocketsHttpHandler { ConnectCallback = (context, token) => ConnectAsync(context.DnsEndPoint, ConnectTimeoutFor(answerTimeout), token) })
    {
    }

    /// <summary>The longest a connection may take: 10 s, or half the answer's timeout when that is shorter.</summary>
    public static TimeSpan ConnectTimeoutFor(TimeSpan answerTimeout) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, answerTimeout.Ticks / 2));

    public string? LastBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        LastBody = await response.Content.ReadAsStringAsync(cancellationToken);
        return response;
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, limit.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ConnectTimedOutException(endpoint, timeout);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>No connection to the silo within the connect timeout: the request was never sent.</summary>
public sealed class ConnectTimedOutException(DnsEndPoint endpoint, TimeSpan timeout)
    : TimeoutException($"no connection to {endpoint.Host}:{endpoint.Port} within {timeout.TotalSeconds:0.#}s")
{
    public DnsEndPoint Endpoint { get; } = endpoint;

    public TimeSpan Timeout { get; } = timeout;
}
