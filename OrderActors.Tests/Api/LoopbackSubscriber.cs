using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace OrderActors.Tests.Api;

/// <summary>A real HTTP subscriber on 127.0.0.1 that fails the first <c>failures</c> requests with 500, then answers 200.</summary>
internal sealed class LoopbackSubscriber : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<ReceivedDelivery> _received = Channel.CreateUnbounded<ReceivedDelivery>();
    private readonly Task _loop;
    private int _failuresLeft;

    public LoopbackSubscriber(int failures)
    {
        _failuresLeft = failures;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    /// <summary>The next request, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedDelivery?> TryReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
            var status = fail ? 500 : 200;
            context.Response.StatusCode = status;
            context.Response.Close();
            _received.Writer.TryWrite(new ReceivedDelivery(body, context.Request.Headers["X-OrderActors-Signature"], context.Request.Headers["X-OrderActors-Delivery"], status));
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
