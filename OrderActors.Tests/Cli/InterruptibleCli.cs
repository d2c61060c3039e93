using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrderActors.Tests.Cli;

/// <summary>
/// The built CLI as a process that a test stops as an operator's Ctrl+C does: SIGINT, sent by <c>kill -INT</c> (Linux,
/// where the tests run). Its output is read line by line as it comes, so the test can wait for a line before it stops it.
/// </summary>
public sealed class InterruptibleCli : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private InterruptibleCli(Process process)
    {
        _process = process;
    }

    /// <summary>The first line the command writes to stdout (fails if it exits before writing one).</summary>
    public Task<string> FirstLine => _firstLine.Task;

    public static InterruptibleCli Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = new Process { StartInfo = WithDefaultInterrupt(CliProcess.StartInfo(environment, args)), EnableRaisingEvents = true };
        var cli = new InterruptibleCli(process);
        process.OutputDataReceived += (_, e) => cli.Append(cli._out, e.Data, first: true);
        process.ErrorDataReceived += (_, e) => cli.Append(cli._error, e.Data, first: false);
        process.Exited += (_, _) => cli._firstLine.TrySetException(new InvalidOperationException("The CLI exited before it wrote a line."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>
    /// The command run through <c>env --default-signal=INT</c>: a test run started in the background (a CI script's
    /// <c>&amp;</c>, a non-interactive shell) passes SIGINT on as ignored, and .NET leaves an ignored SIGINT ignored, so
    /// the CLI never heard the test's Ctrl+C (an import ran to its end, a receive waited for its timeout). An operator's
    /// terminal delivers it; this puts the CLI in that terminal's place.
    /// </summary>
    private static ProcessStartInfo WithDefaultInterrupt(ProcessStartInfo start)
    {
        var args = start.ArgumentList.ToList();
        start.ArgumentList.Clear();
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(start.FileName);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.FileName = "env";
        return start;
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does, and waits for the process to end.</summary>
    public async Task<CliProcess.Result> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The CLI did not end within {Timeout} of SIGINT.");
        }

        lock (_out)
        {
            lock (_error)
            {
                return new CliProcess.Result(_process.ExitCode, _out.ToString(), _error.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder text, string? line, bool first)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }

        if (first)
        {
            _firstLine.TrySetResult(line);
        }
    }
}
