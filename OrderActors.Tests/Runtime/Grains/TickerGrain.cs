using OrderActors.Runtime;

namespace OrderActors.Tests.Runtime.Grains;

public sealed class TickerGrain(TestProbe probe) : Grain, ITickerGrain
{
    private IDisposable? _timer;
    private bool _inCall;
    private int _ticks;

    public Task StartTimerAsync(TimeSpan period)
    {
        _timer = RegisterGrainTimer(OnTickAsync, period, period);
        return Task.CompletedTask;
    }

    public Task StopTimerAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task HoldTurnAsync()
    {
        _inCall = true;
        await probe.Gate.Task;
        _inCall = false;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        if (_inCall)
        {
            Interlocked.Increment(ref probe.TimerOverlaps);
        }

        await Task.Yield();
        _ticks++;
        Interlocked.Increment(ref probe.TimerTicks);
    }
}
