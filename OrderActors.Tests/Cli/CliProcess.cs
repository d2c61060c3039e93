using System.Diagnostics;

namespace OrderActors.Tests.Cli;

/// <summary>Runs the built CLI as a process, <c>dotnet orderactors.dll …</c>, with only the environment the test gives it.</summary>
public static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(StartInfo(environment, args));

    /// <summary>Runs <paramref name="start"/> (a <see cref="StartInfo"/> the test changed, e.g. to run it under limits).</summary>
    public static async Task<Result> RunAsync(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var args = start.ArgumentList;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"orderactors {string.Join(' ', args)} did not finish within {Timeout}.");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    public static Task<Result> RunAsync(SiloProcess silo, params string[] args) =>
        RunAsync(Environment(silo), args);

    /// <summary>The URL and admin key of <paramref name="silo"/>, as the CLI reads them from its environment.</summary>
    public static Dictionary<string, string> Environment(SiloProcess silo) =>
        new() { ["ORDERACTORS_URL"] = silo.Url, ["ORDERACTORS_API_KEY"] = SiloProcess.AdminKey };

    /// <summary><c>dotnet orderactors.dll</c> with <paramref name="args"/>, output redirected, and only the given <c>ORDERACTORS_*</c> variables.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orderactors.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ORDERACTORS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
