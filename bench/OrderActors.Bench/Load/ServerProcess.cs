using System.Diagnostics;

namespace OrderActors.Bench.Load;

/// <summary>
/// A server under load as a child process (the silo or the baseline): started, waited for until ready, sampled for peak
/// RSS (<c>VmHWM</c>), CPU time and the CPU time of the runtime's tiered-compilation thread from <c>/proc</c>, killed
/// with SIGKILL and restarted on the same database.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{

    private readonly ProcessStartInfo _start;
    private readonly string _logPath;
    private readonly HttpClient _probe;
    private readonly object _gate = new();
    private Process? _process;
    private TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _peakRssBytes;
    private double _cpuSecondsOfEarlierRuns;
    private double _cpuSecondsNow;
    private CancellationTokenSource? _sampler;

    // CPU seconds of every tiered-compilation thread seen, by (process, thread) id: the runtime ends that thread when it
    // has been idle a while and starts another, so the total is the sum over threads, each at its last sample.
    private readonly Dictionary<(int Pid, int Tid), double> _tieredCompilationCpu = [];

    public ServerProcess(ProcessStartInfo start, Uri baseAddress, string logPath)
    {
        _start = start;
        _logPath = logPath;
        BaseAddress = baseAddress;
        _probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    public Uri BaseAddress { get; }

    public int Restarts { get; private set; }

    /// <summary>Highest peak RSS of any incarnation of the server.</summary>
    public long PeakRssBytes
    {
        get
        {
            Sample();
            lock (_gate)
            {
                return _peakRssBytes;
            }
        }
    }

    /// <summary>CPU time (user + system) of all incarnations so far.</summary>
    public double CpuSeconds
    {
        get
        {
            Sample();
            lock (_gate)
            {
                return _cpuSecondsOfEarlierRuns + _cpuSecondsNow;
            }
        }
    }

    /// <summary>
    /// CPU time of the .NET runtime's background JIT (the ".NET Tiered Compilation Worker" thread, which recompiles hot
    /// methods at tier 1) in all incarnations so far, as sampled every 500 ms: the share of the JIT that shows on its own
    /// thread (tier-0 compiles run on the calling threads and are not in it).
    /// </summary>
    public double TieredCompilationCpuSeconds
    {
        get
        {
            Sample();
            lock (_gate)
            {
                return _tieredCompilationCpu.Values.Sum();
            }
        }
    }

    /// <summary>Completes when the server answers; replaced while it is down (after a kill, until the restart is ready).</summary>
    public Task WhenUp => Volatile.Read(ref _up).Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var process = Process.Start(_start) ?? throw new InvalidOperationException($"Could not start {_start.FileName}.");
        var log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => log.Dispose();
        _process = process;
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 120);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} before it was ready; see {_logPath}:\n{Tail()}");
            }

            try
            {
                using var response = await _probe.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The server was not ready within 120 s; see {_logPath}:\n{Tail()}");
            }

            await Task.Delay(50, cancellationToken);
        }

        _sampler = new CancellationTokenSource();
        _ = SampleLoopAsync(_sampler.Token);
        _up.TrySetResult();
    }

    /// <summary>SIGKILL: no flush, no graceful shutdown; whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        Interlocked.Exchange(ref _up, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await StopSamplingAsync();
        Sample();
        var process = _process!;
        process.Kill();
        await process.WaitForExitAsync();
        lock (_gate)
        {
            _cpuSecondsOfEarlierRuns += _cpuSecondsNow;
            _cpuSecondsNow = 0;
        }
    }

    /// <summary>Starts the peak RSS afresh from the current RSS (after a warm-up; <see cref="ProcessMemory.ResetPeak"/>).</summary>
    public bool ResetPeakRss()
    {
        var process = _process;
        if (process is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (!ProcessMemory.ResetPeak(process.Id))
            {
                return false;
            }

            _peakRssBytes = 0;
        }

        Sample();
        return true;
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        Restarts++;
        await StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await KillAsync();
        }

        _process?.Dispose();
        _probe.Dispose();
    }

    public string Tail()
    {
        try
        {
            using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(30));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task StopSamplingAsync()
    {
        if (_sampler is { } sampler)
        {
            await sampler.CancelAsync();
            sampler.Dispose();
            _sampler = null;
        }
    }

    private async Task SampleLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        try
        {
            // Under the gate, so a reset of the peak cannot be undone by a sample read before it.
            lock (_gate)
            {
                _peakRssBytes = Math.Max(_peakRssBytes, ProcessMemory.PeakRssBytes(process.Id));
            }

            var cpu = ThreadCpu.SecondsOf($"/proc/{process.Id}/stat");
            lock (_gate)
            {
                _cpuSecondsNow = Math.Max(_cpuSecondsNow, cpu);
            }

            SampleTieredCompilation(process.Id);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // The process is gone or not readable: keep the last sample.
        }
    }

    private void SampleTieredCompilation(int pid)
    {
        // A thread that ended keeps its last sample.
        foreach (var (tid, cpu) in ThreadCpu.Threads(pid, ".NET Tiered"))
        {
            lock (_gate)
            {
                _tieredCompilationCpu[(pid, tid)] = Math.Max(_tieredCompilationCpu.GetValueOrDefault((pid, tid)), cpu);
            }
        }
    }

}
