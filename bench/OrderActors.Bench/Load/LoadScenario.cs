using System.Collections.Concurrent;

namespace OrderActors.Bench.Load;

/// <summary>One load scenario: prepares the server, sends operation <c>i</c>, and checks the invariants afterwards.</summary>
public abstract class LoadScenario(LoadOptions options)
{
    /// <summary>How many times <see cref="SendAgainAsync"/> sends a request that keeps getting no answer.</summary>
    protected const int SendAgainAttempts = 5;

    public LoadOptions Options { get; } = options;

    public ConcurrentDictionary<string, double> Figures { get; } = new();

    public ConcurrentDictionary<string, long> Counts { get; } = new();

    public ConcurrentQueue<string> Notes { get; } = new();

    /// <summary>The targets this scenario runs against (the baseline implements only intake and flash sale).</summary>
    public virtual bool SupportsBaseline => false;

    /// <summary>Whether the scenario has a warm-up (<see cref="LoadOptions.Warmup"/>) that leaves its measured run and checks untouched.</summary>
    public virtual bool SupportsWarmup => false;

    /// <summary>Prepares the measured run (stock of its SKUs, …); runs right before it, after any warm-up.</summary>
    public abstract Task SetupAsync(LoadClient client, CancellationToken cancellationToken);

    /// <summary>Prepares <paramref name="count"/> warm-up operations on keys of their own; runs first, before <see cref="SetupAsync"/>.</summary>
    public virtual Task SetupWarmupAsync(LoadClient client, int count, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Sends warm-up operation <paramref name="index"/>: the same requests as <see cref="OperationAsync"/> on keys of its own,
    /// recorded in none of the scenario's figures, counts or checks. Returns the HTTP status of its main request.
    /// </summary>
    public virtual Task<int> WarmupOperationAsync(LoadClient client, int index) =>
        throw new NotSupportedException($"The {Options.Scenario} scenario has no warm-up.");

    /// <summary>Sends operation <paramref name="index"/>; returns the HTTP status of its main request (-1: server unreachable).</summary>
    public abstract Task<int> OperationAsync(LoadClient client, int index);

    /// <summary>After the load (e.g. wait for holds to drain and measure their lateness).</summary>
    public virtual Task AfterLoadAsync(LoadClient client, DriverResult result, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<IReadOnlyList<CheckResult>> CheckAsync(LoadClient client, CancellationToken cancellationToken);

    protected void Increment(string name) => Counts.AddOrUpdate(name, 1, static (_, n) => n + 1);

    /// <summary>
    /// After a crash run: <paramref name="sendAgain"/> for every operation <paramref name="unanswered"/> marks (non-zero),
    /// one at a time; the mark is cleared when it returns true (the request got the answer it should). Their number is
    /// counted under <paramref name="counted"/>.
    /// </summary>
    protected async Task SendUnansweredAgainAsync(byte[] unanswered, string counted, Func<int, Task<bool>> sendAgain)
    {
        ArgumentNullException.ThrowIfNull(unanswered);
        ArgumentNullException.ThrowIfNull(sendAgain);
        var sent = 0;
        for (var i = 0; i < unanswered.Length; i++)
        {
            if (unanswered[i] == 0)
            {
                continue;
            }

            sent++;
            if (await sendAgain(i))
            {
                unanswered[i] = 0;
            }
        }

        Counts[counted] = sent;
    }

    /// <summary>Counts a request sent again after a crash whose answer was not one it should have had.</summary>
    protected void UnexpectedAfterCrash(string what, int status) => Increment($"{what} sent again after the crash answered {status}");

    /// <summary>
    /// After a crash run: sends again a request the kill left unanswered, as its real sender would (a storefront retrying
    /// a checkout with the same order number, a marketplace a webhook), up to <see cref="SendAgainAttempts"/> times a
    /// second apart while it still gets no answer. Every request the scenarios send this way is idempotent on its keys.
    /// </summary>
    protected static async Task<T> SendAgainAsync<T>(Func<Task<T>> send, Func<T, int> statusOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(statusOf);
        var answer = await send();
        for (var attempt = 1; attempt < SendAgainAttempts && statusOf(answer) == LoadClient.TransportError; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            answer = await send();
        }

        return answer;
    }

}
