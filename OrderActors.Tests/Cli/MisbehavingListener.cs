using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrderActors.Tests.Cli;

/// <summary>
/// A TCP listener on a free loopback port that treats every connection as <c>handle</c> says: answers that are not
/// HTTP, answers cut short, no answer at all. For what the CLI says when the network, not the API, fails.
/// </summary>
public sealed class MisbehavingListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public MisbehavingListener(Func<Socket, CancellationToken, Task> handle)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(handle);
    }

    public int Port { get; }

    /// <summary>Reads the request's head (up to its blank line), sends <paramref name="partial"/> and resets the connection.</summary>
    public static Func<Socket, CancellationToken, Task> AnswerPartlyThenReset(string partial) => async (socket, token) =>
    {
        await ReadHeadAsync(socket, token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(partial), token);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    };

    /// <summary>
    /// Reads the request, head and body (by its Content-Length, or its chunks), gives the body to <paramref name="body"/>,
    /// and resets the connection.
    /// </summary>
    public static Func<Socket, CancellationToken, Task> ReadRequestThenReset(Action<string> body) => async (socket, token) =>
    {
        if (await ReadRequestAsync(socket, token) is not { } complete)
        {
            return;
        }

        body(complete);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    };

    /// <summary>Reads the request, head and body, gives the body to <paramref name="body"/>, and never answers, until the test ends.</summary>
    public static Func<Socket, CancellationToken, Task> ReadRequestThenWait(Action<string> body) => async (socket, token) =>
    {
        if (await ReadRequestAsync(socket, token) is not { } complete)
        {
            return;
        }

        body(complete);
        await Task.Delay(Timeout.Infinite, token);
    };

    /// <summary>Reads whatever comes first (an HTTP head, a TLS hello), answers <paramref name="text"/> and closes.</summary>
    public static Func<Socket, CancellationToken, Task> AnswerWith(string text) => async (socket, token) =>
    {
        await socket.ReceiveAsync(new byte[4096], token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), token);
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
    };

    /// <summary>Reads the request and never answers, until the test ends.</summary>
    public static Func<Socket, CancellationToken, Task> NeverAnswer() => async (socket, token) =>
    {
        await ReadHeadAsync(socket, token);
        await Task.Delay(Timeout.Infinite, token);
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>The request's body once all of it has come; null when the client closed the connection first.</summary>
    private static async Task<string?> ReadRequestAsync(Socket socket, CancellationToken token)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        string? complete;
        while ((complete = RequestBody(received.ToString())) is null)
        {
            var read = await socket.ReceiveAsync(buffer, token);
            if (read == 0)
            {
                return null;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return complete;
    }

    /// <summary>The body of <paramref name="request"/> once all of it has come, else null.</summary>
    private static string? RequestBody(string request)
    {
        var end = request.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var head = request[..end];
        var rest = request[(end + 4)..];
        if (head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = new StringBuilder();
            while (rest.IndexOf("\r\n", StringComparison.Ordinal) is var line and >= 0)
            {
                var size = Convert.ToInt32(rest[..line], 16);
                if (size == 0)
                {
                    return decoded.ToString();
                }

                if (rest.Length < line + 2 + size + 2)
                {
                    return null;
                }

                decoded.Append(rest, line + 2, size);
                rest = rest[(line + 2 + size + 2)..];
            }

            return null;
        }

        var length = System.Text.RegularExpressions.Regex.Match(head, @"(?im)^content-length:\s*(\d+)") is { Success: true } m
            ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        return rest.Length >= length ? rest[..length] : null;
    }

    private static async Task ReadHeadAsync(Socket socket, CancellationToken token)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    private async Task AcceptAsync(Func<Socket, CancellationToken, Task> handle)
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                connections.Add(HandleAsync(socket, handle));
            }
        }
        finally
        {
            await Task.WhenAll(connections);
        }
    }

    private async Task HandleAsync(Socket socket, Func<Socket, CancellationToken, Task> handle)
    {
        using (socket)
        {
            try
            {
                await handle(socket, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
