using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/health/live</c> and <c>/health/ready</c> (no API key needed).</summary>
public sealed class HealthClient(ApiConnection connection)
{
    public Task<HealthReport> LiveAsync(CancellationToken cancellationToken = default) =>
        connection.GetAsync<HealthReport>("/health/live", cancellationToken);

    public Task<HealthReport> ReadyAsync(CancellationToken cancellationToken = default) =>
        connection.GetAsync<HealthReport>("/health/ready", cancellationToken);
}
