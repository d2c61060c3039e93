namespace OrderActors.Runtime.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> for tests whose clock moves only when told (<see cref="Advance"/>, <see cref="SetUtcNow"/>).
/// Timers created from it fire synchronously, on the thread that moves the clock, in order of due time; a periodic timer
/// fires once per elapsed period, up to <see cref="MaxCatchUpTicks"/> times in one move of the clock; past that it skips the
/// missed periods, as a real timer whose callbacks fell behind does, so that moving the clock by months does not fire a
/// 200 ms poll timer tens of millions of times. A timer due now (due time zero) fires on the next move of the clock, even <c>Advance(TimeSpan.Zero)</c>.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _epoch;
    private long _nowTicks;
    private long _sequence;
    private long _moves;

    /// <summary>Creates a clock standing at <paramref name="start"/>.</summary>
    public ManualTimeProvider(DateTimeOffset start)
    {
        _epoch = start.ToUniversalTime();
        _nowTicks = _epoch.UtcTicks;
    }

    /// <summary>Creates a clock standing at 2026-01-01T00:00:00Z.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The most times one periodic timer fires during a single move of the clock.</summary>
    public const int MaxCatchUpTicks = 1_000;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    /// <inheritdoc />
    public override long GetTimestamp() => Volatile.Read(ref _nowTicks) - _epoch.UtcTicks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        MoveTo(Volatile.Read(ref _nowTicks) + delta.Ticks);
    }

    /// <summary>Moves the clock to <paramref name="value"/> (not backwards), firing every timer that falls due on the way.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        if (ticks < Volatile.Read(ref _nowTicks))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The manual clock does not go backwards.");
        }

        MoveTo(ticks);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers currently scheduled (for diagnostics in tests).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    private void MoveTo(long targetTicks)
    {
        var move = Interlocked.Increment(ref _moves);
        while (true)
        {
            ManualTimer? next = null;
            lock (_lock)
            {
                foreach (var timer in _timers)
                {
                    if (timer.DueTicks <= targetTicks && (next is null || timer.DueTicks < next.DueTicks ||
                        (timer.DueTicks == next.DueTicks && timer.Sequence < next.Sequence)))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    Volatile.Write(ref _nowTicks, Math.Max(targetTicks, _nowTicks));
                    return;
                }

                Volatile.Write(ref _nowTicks, Math.Max(next.DueTicks, _nowTicks));
                if (next.PeriodTicks > 0)
                {
                    next.DueTicks += next.PeriodTicks;
                    if (next.CountFiring(move) >= MaxCatchUpTicks && next.DueTicks <= targetTicks)
                    {
                        next.DueTicks += ((targetTicks - next.DueTicks) / next.PeriodTicks + 1) * next.PeriodTicks;
                    }

                    next.Sequence = ++_sequence;
                }
                else
                {
                    _timers.Remove(next);
                }
            }

            next.Fire();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            timer.DueTicks = _nowTicks + dueTime.Ticks;
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
            timer.Sequence = ++_sequence;
            _timers.Add(timer);
        }
    }

    private void Unschedule(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public long DueTicks { get; set; }

        public long PeriodTicks { get; set; }

        public long Sequence { get; set; }

        private long _move;
        private int _firedInMove;

        /// <summary>Counts a firing during clock move <paramref name="move"/>; returns the count for that move.</summary>
        public int CountFiring(long move)
        {
            if (_move != move)
            {
                _move = move;
                _firedInMove = 0;
            }

            return ++_firedInMove;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref _disposed))
            {
                return false;
            }

            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire()
        {
            if (!Volatile.Read(ref _disposed))
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            Volatile.Write(ref _disposed, true);
            owner.Unschedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
