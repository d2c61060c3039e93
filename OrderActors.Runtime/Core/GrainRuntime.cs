using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Core;

/// <summary>
/// The heart of a silo: the grain directory (one activation per grain id), references, sending calls with deadlock
/// detection, the call-timeout sweep and idle collection.
/// </summary>
internal sealed class GrainRuntime : IGrainFactory, IDisposable
{
    private const int MaxCachedReferences = 100_000;
    private static readonly MethodInfo ReceiveReminderMethod = typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminderAsync))!;

    private readonly ConcurrentDictionary<GrainId, Activation> _directory = new();
    private readonly ConcurrentDictionary<Type, InterfaceBinding> _interfaces = new();
    private readonly ConcurrentDictionary<(Type Interface, string Key), object> _references = new();
    private int _referenceCount;
    private readonly GrainTypeRegistry _registry;
    private readonly ReminderWakeup _reminderWakeup;
    private readonly MethodDispatcher _receiveReminder = MethodDispatcher.Create(ReceiveReminderMethod);
    private ITimer? _sweepTimer;
    private ITimer? _collectTimer;
    private long _retiredCalls;
    private long _retiredFailures;
    private volatile bool _stopped;

    public GrainRuntime(
        GrainTypeRegistry registry,
        IServiceProvider services,
        IStorageProvider storage,
        TimeProvider time,
        IOptions<RuntimeOptions> options,
        ReminderWakeup reminderWakeup,
        ILogger<GrainRuntime> logger)
    {
        _registry = registry;
        Services = services;
        Storage = storage;
        Time = time;
        Options = options.Value;
        _reminderWakeup = reminderWakeup;
        Log = new RuntimeLog(logger);
    }

    public IServiceProvider Services { get; }

    public IStorageProvider Storage { get; }

    public TimeProvider Time { get; }

    public RuntimeOptions Options { get; }

    public RuntimeLog Log { get; }

    public GrainTypeRegistry Registry => _registry;

    public ICollection<Activation> Activations => _directory.Values;

    public long CallsTotal => Interlocked.Read(ref _retiredCalls) + _directory.Values.Sum(a => a.CallsCompleted);

    public long CallsFailed => Interlocked.Read(ref _retiredFailures) + _directory.Values.Sum(a => a.CallsFailed);

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (_references.TryGetValue((typeof(TGrainInterface), key), out var cached))
        {
            return (TGrainInterface)cached;
        }

        var binding = _interfaces.GetOrAdd(typeof(TGrainInterface), static (type, registry) => InterfaceBinding.Create(type, registry), _registry);
        var proxy = DispatchProxy.Create(typeof(TGrainInterface), typeof(GrainProxy));
        ((GrainProxy)proxy).Bind(this, new GrainId(binding.GrainClass.Name, key), typeof(TGrainInterface), binding.Methods);

        // References are immutable and cheap to keep; the cache is bounded by dropping it whole when it grows too big.
        // The size is counted here: ConcurrentDictionary.Count takes every bucket lock, and this runs for each new key.
        if (Volatile.Read(ref _referenceCount) >= MaxCachedReferences)
        {
            _references.Clear();
            Volatile.Write(ref _referenceCount, 0);
        }

        if (_references.TryAdd((typeof(TGrainInterface), key), proxy))
        {
            Interlocked.Increment(ref _referenceCount);
            return (TGrainInterface)proxy;
        }

        return (TGrainInterface)_references.GetOrAdd((typeof(TGrainInterface), key), proxy);
    }

    /// <summary>Sends <paramref name="item"/> to <paramref name="target"/>'s activation, failing it at once if it would deadlock.</summary>
    public void Send(GrainId target, WorkItem item)
    {
        var chain = RuntimeContext.CurrentChain;
        item.Target = target;
        item.Chain = chain;
        item.SentAt = Time.GetTimestamp();
        if (chain is not null && chain.Contains(target))
        {
            item.Fail(new DeadlockException(chain.ToList(), target));
            return;
        }

        Forward(item);
    }

    /// <summary>Enqueues <paramref name="item"/> on the current activation of its target, creating one if needed.</summary>
    public void Forward(WorkItem item)
    {
        if (_stopped)
        {
            item.Fail(new InvalidOperationException($"The silo has stopped; grain {item.Target} cannot be called."));
            return;
        }

        Activation activation;
        try
        {
            activation = _directory.GetOrAdd(item.Target, static (id, runtime) => new Activation(id, runtime._registry.GetByName(id.Type), runtime), this);
        }
        catch (InvalidOperationException ex)
        {
            item.Fail(ex);
            return;
        }

        activation.Enqueue(item);
    }

    /// <summary>Delivers a reminder tick through the normal call path.</summary>
    public Task DeliverReminderAsync(GrainId target, string name, TickStatus status)
    {
        if (!_registry.TryGetByName(target.Type, out var info) || !info!.IsRemindable)
        {
            return Task.FromException(new InvalidOperationException(
                $"Reminder '{name}' is for grain {target}, but grain type '{target.Type}' is unknown or does not implement IRemindable."));
        }

        return _receiveReminder.Send(this, target, [name, status]);
    }

    public async Task RegisterReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A reminder period must be positive (or null for a one-shot reminder).");
        }

        await Storage.UpsertReminderAsync(grainId, name, dueAt, period, cancellationToken).ConfigureAwait(false);

        // Only a reminder due before the next regular poll needs one now: waking on every registration made the
        // service query the reminder table once per registered reminder (thousands per second under intake load).
        if (dueAt <= Time.GetUtcNow() + Options.ReminderPollInterval)
        {
            _reminderWakeup.Set();
        }
    }

    public void Remove(Activation activation)
    {
        if (_directory.TryRemove(KeyValuePair.Create(activation.GrainId, activation)))
        {
            Interlocked.Add(ref _retiredCalls, activation.CallsCompleted);
            Interlocked.Add(ref _retiredFailures, activation.CallsFailed);
        }
    }

    public void Start()
    {
        if (Options.ReminderPollInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{RuntimeOptions.SectionName}:ReminderPollInterval must be positive.");
        }

        if (Options.CollectionInterval > TimeSpan.Zero && Options.CollectionInterval != Timeout.InfiniteTimeSpan)
        {
            _collectTimer = Time.CreateTimer(
                static s => { var runtime = (GrainRuntime)s!; _ = runtime.CollectIdleAsync(runtime.Options.CollectionAge); },
                this,
                Options.CollectionInterval,
                Options.CollectionInterval);
        }

        if (Options.CallTimeout <= TimeSpan.Zero || Options.CallTimeout == Timeout.InfiniteTimeSpan)
        {
            // No call timeout configured: nothing to sweep.
            return;
        }

        var sweepPeriod = TimeSpan.FromTicks(Math.Clamp(Options.CallTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _sweepTimer = Time.CreateTimer(static s => ((GrainRuntime)s!).SweepTimeouts(), this, sweepPeriod, sweepPeriod);
    }

    /// <summary>Deactivates every activation idle for at least <paramref name="minimumIdle"/>; completes when they are gone.</summary>
    public Task CollectIdleAsync(TimeSpan minimumIdle)
    {
        var tasks = new List<Task>();
        foreach (var activation in _directory.Values)
        {
            if (activation.State == ActivationState.Active && activation.QueueLength == 0 && activation.IdleTime >= minimumIdle)
            {
                tasks.Add(activation.RequestDeactivation(DeactivationReason.IdleCollection, onlyIfIdle: true));
            }
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>Deactivates all activations (OnDeactivateAsync runs); activations stuck in a turn past the call timeout are abandoned.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _collectTimer?.Dispose();
        for (var round = 0; round < 3 && !_directory.IsEmpty; round++)
        {
            var now = Time.GetTimestamp();
            var tasks = new List<Task>();
            var abandoned = 0;
            foreach (var activation in _directory.Values)
            {
                if (Options.CallTimeout > TimeSpan.Zero && activation.IsStuck(now, Options.CallTimeout))
                {
                    abandoned++;
                    continue;
                }

                tasks.Add(activation.RequestDeactivation(DeactivationReason.ShuttingDown, onlyIfIdle: false));
            }

            if (abandoned > 0)
            {
                Log.ShutdownAbandoned(abandoned);
            }

            if (tasks.Count == 0)
            {
                break;
            }

            try
            {
                await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _stopped = true;
        _sweepTimer?.Dispose();
    }

    public void Dispose()
    {
        _stopped = true;
        _sweepTimer?.Dispose();
        _collectTimer?.Dispose();
    }

    private void SweepTimeouts()
    {
        var now = Time.GetTimestamp();

        // Enumerated, not through .Values: that takes every bucket lock and copies the whole directory each sweep.
        foreach (var (_, activation) in _directory)
        {
            activation.SweepTimeouts(now, Options.CallTimeout);
        }
    }

    private sealed record InterfaceBinding(GrainClassInfo GrainClass, FrozenDictionary<MethodInfo, MethodDispatcher> Methods)
    {
        public static InterfaceBinding Create(Type grainInterface, GrainTypeRegistry registry)
        {
            var grainClass = registry.GetByInterface(grainInterface);
            var methods = new[] { grainInterface }
                .Concat(grainInterface.GetInterfaces())
                .SelectMany(i => i.GetMethods())
                .Distinct()
                .ToFrozenDictionary(m => m, MethodDispatcher.Create);
            return new InterfaceBinding(grainClass, methods);
        }
    }
}
