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
    private static readonly MethodInfo ReceiveReminderMethod = typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminderAsync))!;

    private readonly ConcurrentDictionary<GrainId, Activation> _directory = new();
    private readonly ConcurrentDictionary<Type, InterfaceBinding> _interfaces = new();
    private readonly ConcurrentDictionary<Activation, byte> _sweepList = new(ReferenceEqualityComparer.Instance);
    private readonly bool _sweepsTimeouts;
    private readonly GrainTypeRegistry _registry;
    private readonly ReminderWakeup _reminderWakeup;
    private readonly MethodDispatcher _receiveReminder = MethodDispatcher.Create(ReceiveReminderMethod);
    private readonly Dictionary<GrainClassInfo, TimeSpan> _collectionAges = [];
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
        _sweepsTimeouts = Options.CallTimeout > TimeSpan.Zero && Options.CallTimeout != Timeout.InfiniteTimeSpan;
        foreach (var grainClass in registry.Classes)
        {
            _collectionAges.Add(grainClass, Options.CollectionAgeByType.TryGetValue(grainClass.Name, out var configured)
                ? configured
                : grainClass.CollectionAge ?? Options.CollectionAge);
        }
    }

    public IServiceProvider Services { get; }

    public IStorageProvider Storage { get; }

    public TimeProvider Time { get; }

    public RuntimeOptions Options { get; }

    public RuntimeLog Log { get; }

    public GrainTypeRegistry Registry => _registry;

    public ICollection<Activation> Activations => _directory.Values;

    // Enumerating the dictionary itself (not .Values) takes no locks and copies nothing: it matters at a million activations.
    public long CallsTotal => Interlocked.Read(ref _retiredCalls) + _directory.Sum(a => a.Value.CallsCompleted);

    public long CallsFailed => Interlocked.Read(ref _retiredFailures) + _directory.Sum(a => a.Value.CallsFailed);

    /// <summary>How long an idle activation of <paramref name="grainClass"/> stays: configuration, else its attribute, else the default.</summary>
    public TimeSpan CollectionAgeOf(GrainClassInfo grainClass) => _collectionAges[grainClass];

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);

        // A new reference each time, not one cached per key: a reference is a memberwise copy of the interface's
        // prototype (one small object), while a cache keyed by (interface, key) hashed the key string twice on every
        // miss, kept up to 100,000 references alive, and missed for nearly every key under intake load (each order and
        // each customer is new): GetGrain was ~1% of the silo's CPU in a warmed-up HTTP intake profile.
        var binding = _interfaces.GetOrAdd(typeof(TGrainInterface), static (type, registry) => InterfaceBinding.Create(type, registry), _registry);
        return (TGrainInterface)(object)binding.Prototype.CopyFor(this, new GrainId(binding.GrainClass.Name, key), typeof(TGrainInterface), binding.Methods);
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

        if (item.IsCall && item.Chain?.Owner is { } sender && sender != activation && sender.WaitCycleOf(item, activation) is { } cycle)
        {
            item.Fail(new WaitCycleException(cycle));
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
        _reminderWakeup.Changed(grainId, name);

        // Only a reminder due before the next regular poll needs one now: waking on every registration made the
        // service query the reminder table once per registered reminder (thousands per second under intake load).
        if (dueAt <= Time.GetUtcNow() + Options.ReminderPollInterval)
        {
            _reminderWakeup.Set();
        }
    }

    public async Task UnregisterReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await Storage.RemoveReminderAsync(grainId, name, eTag: null, cancellationToken).ConfigureAwait(false);
        _reminderWakeup.Changed(grainId, name);
    }

    /// <summary>
    /// After reminder changes written inside a journal append: what <see cref="RegisterReminderAsync"/> and
    /// <see cref="UnregisterReminderAsync"/> tell the reminder service after their own writes (a tick read ahead from an
    /// old row is dropped; the poll is woken for a reminder due before the next one).
    /// </summary>
    public void RemindersChanged(GrainId grainId, IReadOnlyList<Reminders.ReminderChange> changes)
    {
        var wake = false;
        var nextPoll = Time.GetUtcNow() + Options.ReminderPollInterval;
        foreach (var change in changes)
        {
            _reminderWakeup.Changed(grainId, change.Name);
            wake |= change.DueAt is { } dueAt && dueAt <= nextPoll;
        }

        if (wake)
        {
            _reminderWakeup.Set();
        }
    }

    public void Remove(Activation activation)
    {
        // Its flag stays set, so it never lists itself again: what reaches it from now on is diverted to a new activation.
        _sweepList.TryRemove(activation, out _);
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

        foreach (var (type, age) in Options.CollectionAgeByType)
        {
            if (!_registry.TryGetByName(type, out _) || age <= TimeSpan.Zero)
            {
                throw new InvalidOperationException(
                    $"{RuntimeOptions.SectionName}:CollectionAgeByType:{type} = {age}: the grain type must exist ({string.Join(", ", _registry.Classes.Select(c => c.Name))}) and the age must be positive.");
            }
        }

        if (Options.CollectionInterval > TimeSpan.Zero && Options.CollectionInterval != Timeout.InfiniteTimeSpan)
        {
            _collectTimer = Time.CreateTimer(
                static s => ((GrainRuntime)s!).CollectIdle(minimumIdle: null, wait: false),
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

    /// <summary>
    /// Deactivates every activation (of <paramref name="grainType"/>, or of every type) idle for at least
    /// <paramref name="minimumIdle"/>; completes when they are gone.
    /// </summary>
    public Task CollectIdleAsync(TimeSpan minimumIdle, string? grainType = null) => CollectIdle(minimumIdle, wait: true, grainType);

    /// <summary>Deactivates every activation idle for at least its class's collection age; completes when they are gone.</summary>
    public Task CollectIdleAsync() => CollectIdle(minimumIdle: null, wait: true);

    /// <summary>
    /// One pass over the directory: each activation idle for at least <paramref name="minimumIdle"/> (null: its class's
    /// age) gets a deactivation turn. Allocates only for the activations it collects.
    /// </summary>
    private Task CollectIdle(TimeSpan? minimumIdle, bool wait, string? grainType = null)
    {
        List<Task>? tasks = null;
        var now = Time.GetTimestamp();
        foreach (var (_, activation) in _directory)
        {
            // Cheapest checks first: most activations are not idle long enough, and those reads stay on the activation
            // (the queue is looked at only for the few that are).
            if (activation.State == ActivationState.Active
                && activation.IsIdleFor(minimumIdle ?? _collectionAges[activation.Class], now)
                && (grainType is null || activation.GrainId.Type == grainType)
                && activation.QueueLength == 0)
            {
                var deactivated = activation.RequestDeactivation(DeactivationReason.IdleCollection, onlyIfIdle: true);
                if (wait)
                {
                    (tasks ??= []).Add(deactivated);
                }
            }
        }

        return tasks is null ? Task.CompletedTask : Task.WhenAll(tasks);
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

    /// <summary>
    /// Lists <paramref name="activation"/> for the call-timeout sweep; <see cref="Activation"/> calls it when its mailbox
    /// becomes scheduled and it is not listed yet. Nothing is listed when calls have no timeout.
    /// </summary>
    public void ListForSweep(Activation activation)
    {
        if (_sweepsTimeouts)
        {
            _sweepList.TryAdd(activation, 0);
        }
    }

    /// <summary>
    /// Fails the calls that have waited longer than the call timeout (runs every second or faster). Visits only the
    /// activations listed since they last had work, not the whole directory: walking every activation each second was
    /// ~1% of the silo's CPU with 120,000 activations in an intake run (32 ms a sweep at 200,000), and grows with them.
    /// </summary>
    public void SweepTimeouts()
    {
        var now = Time.GetTimestamp();
        foreach (var (activation, _) in _sweepList)
        {
            if (activation.MayHaveWork)
            {
                activation.SweepTimeouts(now, Options.CallTimeout);
                continue;
            }

            // Off the list first, then the activation's flag (see Activation.UnlistForSweep): a mailbox scheduled in
            // between either finds the flag cleared and lists itself, or is seen busy here and listed again.
            _sweepList.TryRemove(activation, out _);
            if (activation.UnlistForSweep())
            {
                _sweepList.TryAdd(activation, 0);
            }
        }
    }

    // Prototype: an unbound proxy of the interface; new references are copies of it. DispatchProxy.Create finds the
    // generated type and invokes its constructor by reflection on every call, which showed in profiles (a new order and
    // a new customer per checkout each take a new reference).
    private sealed record InterfaceBinding(GrainClassInfo GrainClass, FrozenDictionary<MethodInfo, MethodDispatcher> Methods, GrainProxy Prototype)
    {
        public static InterfaceBinding Create(Type grainInterface, GrainTypeRegistry registry)
        {
            var grainClass = registry.GetByInterface(grainInterface);
            var methods = new[] { grainInterface }
                .Concat(grainInterface.GetInterfaces())
                .SelectMany(i => i.GetMethods())
                .Distinct()
                .ToFrozenDictionary(m => m, MethodDispatcher.Create);
            return new InterfaceBinding(grainClass, methods, (GrainProxy)DispatchProxy.Create(grainInterface, typeof(GrainProxy)));
        }
    }
}
