using System.Net;
using System.Text;
using OrderActors.Client.Http;

namespace OrderActors.Cli.Import;

/// <summary>
/// Sends each planned order to <c>POST /webhooks/{channel}</c> as the channel's payload, signed with the channel's secret,
/// a few at a time; the service's answer says created or duplicate, a 400 is a rejection with the service's reason.
/// Transient answers (503/429) are retried; a refused signature stops the import (every other order would fail the same way).
/// </summary>
public sealed class ImportRunner(OrderActorsClient api, string channel, string secret, PayloadBuilder builder)
{
    private const int Parallelism = 4;
    private const int MaxAttempts = 4;

    private int _created;
    private int _duplicates;

    public int Created => _created;

    public int Duplicates => _duplicates;

    public async Task<IReadOnlyList<ImportRejection>> RunAsync(IReadOnlyList<ImportOrder> orders, Action onOrderDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(onOrderDone);
        var rejections = new System.Collections.Concurrent.ConcurrentBag<(int Index, ImportRejection Rejection)>();
        var indexed = orders.Select((order, index) => (order, index));
        await Parallel.ForEachAsync(indexed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            if (await SendAsync(item.order, ct) is { } reason)
            {
                rejections.Add((item.index, new ImportRejection(item.order.OrderNo, item.order.Rows, reason)));
            }

            onOrderDone();
        });
        return [.. rejections.OrderBy(r => r.Index).Select(r => r.Rejection)];
    }

    /// <summary>Null when the service accepted the order (new or duplicate); else the reason it was rejected.</summary>
    private async Task<string?> SendAsync(ImportOrder order, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(builder.Build(order).ToJsonString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var accepted = await api.Webhooks.PostOrderAsync(channel, body, secret, deliveryId: null, cancellationToken);
                if (accepted.Duplicate)
                {
                    Interlocked.Increment(ref _duplicates);
                }
                else
                {
                    Interlocked.Increment(ref _created);
                }

                return null;
            }
            catch (OrderActorsApiException problem) when (problem.Status == HttpStatusCode.Unauthorized)
            {
                throw new CliAuthException(
                    $"the webhook secret for channel '{channel}' was refused (401). Pass --secret or set {ImportCommandsEnvironment.SecretVariable(channel)}, with the silo's OrderActors:Channels:{channel}:Secret.",
                    problem);
            }
            catch (OrderActorsApiException problem) when (problem.IsTransient && attempt < MaxAttempts)
            {
                await Task.Delay(problem.RetryAfter is { } after && after < TimeSpan.FromSeconds(2) ? after : TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
            catch (OrderActorsApiException problem)
            {
                return ErrorReporter.FromApiReason(problem);
            }
        }
    }
}
