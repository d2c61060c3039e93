using Microsoft.Extensions.DependencyInjection;
using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Runtime.Faults;

/// <summary>
/// Storage failures a test arms: the next appends fail before they commit, or commit and then fail (the outcome the
/// journal cannot know), or the next loads fail. Applied with <see cref="Install"/>, which wraps the cluster's real
/// storage provider.
/// </summary>
public sealed class StorageFaults
{
    private int _appendsFailingBeforeCommit;
    private int _appendsFailingAfterCommit;
    private int _loadsFailing;
    private int _reminderWritesFailing;
    private HeldAppend? _hold;
    private int _appendsCalled;
    private string? _failNextAppendOf;
    private string? _failNextAppendOfKey;

    /// <summary>How many appends have been called (reached this wrapper) so far.</summary>
    public int AppendsCalled => Volatile.Read(ref _appendsCalled);

    /// <summary>The next <paramref name="count"/> appends throw without reaching storage.</summary>
    public void FailAppendsBeforeCommit(int count) => Volatile.Write(ref _appendsFailingBeforeCommit, count);

    /// <summary>The next append of a grain of <paramref name="grainType"/> throws without reaching storage (other grains' appends go on).</summary>
    public void FailNextAppendOf(string grainType) => Volatile.Write(ref _failNextAppendOf, grainType);

    /// <summary>
    /// The next append of the one grain <paramref name="grainType"/>/<paramref name="grainKey"/> throws without reaching
    /// storage: what a crash just before that grain's commit leaves, once the writes before it in the same call committed.
    /// </summary>
    public void FailNextAppendOf(string grainType, string grainKey) => Volatile.Write(ref _failNextAppendOfKey, $"{grainType}/{grainKey}");

    /// <summary>The next <paramref name="count"/> appends commit, then throw as if the answer were lost.</summary>
    public void FailAppendsAfterCommit(int count) => Volatile.Write(ref _appendsFailingAfterCommit, count);

    /// <summary>
    /// The next <paramref name="count"/> reminder writes made apart from an append (registering or moving one) throw
    /// without reaching storage: what a crash between a grain's append and its reminder write leaves.
    /// </summary>
    public void FailReminderWrites(int count) => Volatile.Write(ref _reminderWritesFailing, count);

    /// <summary>The next <paramref name="count"/> journal loads throw.</summary>
    public void FailLoads(int count) => Volatile.Write(ref _loadsFailing, count);

    /// <summary>The next append waits, before it reaches storage, until the test releases it (then the other faults apply).</summary>
    public HeldAppend HoldNextAppend()
    {
        var hold = new HeldAppend();
        Volatile.Write(ref _hold, hold);
        return hold;
    }

    /// <summary>Replaces the registered <see cref="IStorageProvider"/> with one that injects these faults into it.</summary>
    public void Install(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var original = services.Last(d => d.ServiceType == typeof(IStorageProvider));
        services.Remove(original);

        // A provider registered as an instance (the test cluster's in-memory one) outlives the host: not disposed here.
        services.AddSingleton(sp => original.ImplementationInstance is IStorageProvider instance
            ? FaultyStorage.Wrap(instance, this, ownsInner: false)
            : FaultyStorage.Wrap((IStorageProvider)original.ImplementationFactory!(sp), this, ownsInner: true));
    }

    internal bool TakeAppendFailureBeforeCommit() => Take(ref _appendsFailingBeforeCommit);

    internal bool TakeAppendFailureOf(string grainType)
    {
        var armed = Volatile.Read(ref _failNextAppendOf);
        return armed == grainType && Interlocked.CompareExchange(ref _failNextAppendOf, null, armed) == armed;
    }

    internal bool TakeAppendFailureOf(string grainType, string grainKey)
    {
        var armed = Volatile.Read(ref _failNextAppendOfKey);
        return armed == $"{grainType}/{grainKey}" && Interlocked.CompareExchange(ref _failNextAppendOfKey, null, armed) == armed;
    }

    internal bool TakeAppendFailureAfterCommit() => Take(ref _appendsFailingAfterCommit);

    internal bool TakeLoadFailure() => Take(ref _loadsFailing);

    internal bool TakeReminderWriteFailure() => Take(ref _reminderWritesFailing);

    internal void CountAppend() => Interlocked.Increment(ref _appendsCalled);

    internal HeldAppend? TakeHold() => Interlocked.Exchange(ref _hold, null);

    private static bool Take(ref int counter)
    {
        var current = Volatile.Read(ref counter);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref counter, current - 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }
}

/// <summary>An append stopped on its way to storage: <see cref="Arrived"/> completes when it is there, <see cref="Release"/> lets it go.</summary>
public sealed class HeldAppend
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    internal Task WaitAsync()
    {
        _arrived.TrySetResult();
        return _released.Task;
    }
}
