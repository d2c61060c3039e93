using Microsoft.Extensions.Hosting;

namespace OrderActors.Api;

/// <summary>
/// A background pass run at start and then every <see cref="Interval"/> on the <see cref="TimeProvider"/> (so tests move
/// it with a manual clock). A failed pass is reported through <see cref="PassFailed"/> and the next one retries: the
/// service outlives a database that is briefly down.
/// </summary>
public abstract class PeriodicPassService(TimeProvider time) : BackgroundService
{
    private int _waiting;
    private int _passes;

    /// <summary>The clock the passes wait on.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>True while the service waits on the clock for its next pass (no pass is running).</summary>
    public bool IsWaiting => Volatile.Read(ref _waiting) == 1;

    /// <summary>Passes run so far, failed ones included.</summary>
    public int PassesCompleted => Volatile.Read(ref _passes);

    /// <summary>The wait after each pass.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass.</summary>
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Reports a pass that threw (the next pass comes after <see cref="Interval"/>).</summary>
    protected abstract void PassFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // see the class summary: a failed pass is reported and retried
            catch (Exception exception)
#pragma warning restore CA1031
            {
                PassFailed(exception);
            }

            Interlocked.Increment(ref _passes);
            // The wait is on the clock before it says so: moving a manual clock after IsWaiting always ends it.
            var next = Task.Delay(Interval, Time, stoppingToken);
            Volatile.Write(ref _waiting, 1);
            await next.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Volatile.Write(ref _waiting, 0);
        }
    }
}
