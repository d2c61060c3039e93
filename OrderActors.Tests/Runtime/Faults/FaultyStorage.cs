using System.Reflection;
using System.Runtime.ExceptionServices;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Runtime.Faults;

/// <summary>
/// An <see cref="IStorageProvider"/> that forwards every call to a real provider, except the appends and loads
/// <see cref="StorageFaults"/> says to fail. A proxy rather than a hand-written decorator, so it does not change when the
/// provider's interfaces gain members. Not sealed: <see cref="DispatchProxy"/> derives from it.
/// </summary>
public class FaultyStorage : DispatchProxy
{
    private IStorageProvider _inner = null!;
    private StorageFaults _faults = null!;
    private bool _ownsInner;
    private readonly Lock _order = new();
    private Task _lastAppend = Task.CompletedTask;

    public static IStorageProvider Wrap(IStorageProvider inner, StorageFaults faults, bool ownsInner)
    {
        var proxy = Create<IStorageProvider, FaultyStorage>();
        var faulty = (FaultyStorage)(object)proxy;
        faulty._inner = inner;
        faulty._faults = faults;
        faulty._ownsInner = ownsInner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(IGrainStorage) && targetMethod.Name == nameof(IGrainStorage.AppendAsync))
        {
            return AppendAsync((AppendRequest)args![0]!, (CancellationToken)args[1]!);
        }

        if (targetMethod.DeclaringType == typeof(IGrainStorage) && targetMethod.Name == nameof(IGrainStorage.LoadAsync) && _faults.TakeLoadFailure())
        {
            return Task.FromException<JournalLoad>(new TimeoutException("Injected by the test: the journal load timed out."));
        }

        if (targetMethod.DeclaringType == typeof(IReminderTable) && targetMethod.Name == nameof(IReminderTable.UpsertReminderAsync) && _faults.TakeReminderWriteFailure())
        {
            return Task.FromException<string>(new StorageWriteException("Injected by the test: the reminder write failed."));
        }

        if (targetMethod.DeclaringType == typeof(IAsyncDisposable) && !_ownsInner)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    // Storage applies appends in the order they were called (the journal relies on it); a held append must not be
    // overtaken, so each append waits for the one called before it.
    private Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        _faults.CountAppend();
        lock (_order)
        {
            var before = _lastAppend;
            var append = AppendAfterAsync(before, request, cancellationToken);
            _lastAppend = append;
            return append;
        }
    }

    private async Task<AppendResult> AppendAfterAsync(Task before, AppendRequest request, CancellationToken cancellationToken)
    {
        await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_faults.TakeHold() is { } hold)
        {
            await hold.WaitAsync();
        }

        if (_faults.TakeAppendFailureBeforeCommit() || _faults.TakeAppendFailureOf(request.GrainId.Type)
            || _faults.TakeAppendFailureOf(request.GrainId.Type, request.GrainId.Key))
        {
            throw new StorageWriteException("Injected by the test: the append failed before it committed.");
        }

        var result = await _inner.AppendAsync(request, cancellationToken);
        if (_faults.TakeAppendFailureAfterCommit())
        {
            throw new StorageWriteException("Injected by the test: the append committed, but its answer was lost.");
        }

        return result;
    }
}
