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
    private int _answered;

    public int Created => _created;

    public int Duplicates => _duplicates;

    /// <summary>Orders the service answered (created, duplicate or rejected).</summary>
    public int Answered => _answered;

    /// <summary>Ctrl+C stopped the run: orders after <see cref="Answered"/> were not sent, or sent without an answer.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>At most this many orders are sent at once, so at most this many can be left without an answer.</summary>
    public static int InFlight => Parallelism;

    /// <summary>
    /// Sends every order and returns the ones the service rejected. Ctrl+C (<paramref name="cancellationToken"/>) stops it
    /// without an exception: the rejections so far come back and <see cref="Interrupted"/> says the run is incomplete.
    /// </summary>
    public async Task<IReadOnlyList<ImportRejection>> RunAsync(IReadOnlyList<ImportOrder> orders, Action onOrderDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(onOrderDone);
        var rejections = new System.Collections.Concurrent.ConcurrentBag<(int Index, ImportRejection Rejection)>();
        var indexed = orders.Select((order, index) => (order, index));
        try
        {
            await Parallel.ForEachAsync(indexed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, ct) =>
            {
                if (await SendAsync(item.order, ct) is { } reason)
                {
                    rejections.Add((item.index, new ImportRejection(item.order.OrderNo, item.order.Rows, reason)));
                }

                Interlocked.Increment(ref _answered);
                onOrderDone();
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interrupted = true;
        }

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
