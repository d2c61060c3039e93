namespace OrderActors.Tests.Api;

/// <summary>One API host over SQLite for a test class whose tests do not get in each other's way (a class fixture).</summary>
public sealed class SharedApiHost : IAsyncLifetime
{
    private ApiTestHost? _host;

    public ApiTestHost Host => _host ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync("sqlite");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
