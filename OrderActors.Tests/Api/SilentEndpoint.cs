using System.Net;
using System.Net.Sockets;

namespace OrderActors.Tests.Api;

/// <summary>An HTTP endpoint on 127.0.0.1 that accepts connections and never answers: a subscriber that hangs.</summary>
internal sealed class SilentEndpoint : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly Task _loop;

    public SilentEndpoint()
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook/";
        _loop = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            var socket = await _listener.AcceptSocketAsync();
            lock (_accepted)
            {
                _accepted.Add(socket);
            }
        }
    }
}
