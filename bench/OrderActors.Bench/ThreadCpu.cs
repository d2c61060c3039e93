using System.Globalization;

namespace OrderActors.Bench;

/// <summary>CPU time of a process or of some of its threads, and bytes written, from <c>/proc</c> (Linux; CPU at 10 ms resolution).</summary>
public static class ThreadCpu
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>
    /// User + system CPU seconds of the threads of <paramref name="pid"/> whose name starts with <paramref name="namePrefix"/>
    /// (Linux keeps 15 characters of a name: the SQLite writer is "OrderActors sto"), 0 where there is no <c>/proc</c>.
    /// </summary>
    public static double SecondsOfThreads(int pid, string namePrefix) => Threads(pid, namePrefix).Sum(t => t.Seconds);

    /// <summary>Each thread of <paramref name="pid"/> whose name starts with <paramref name="namePrefix"/>, with its CPU seconds; none where there is no <c>/proc</c>.</summary>
    public static IEnumerable<(int Tid, double Seconds)> Threads(int pid, string namePrefix)
    {
        if (!Directory.Exists($"/proc/{pid}/task"))
        {
            yield break;
        }

        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            double seconds;
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(namePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                seconds = SecondsOf(Path.Combine(task, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended between the listing and the read.
                continue;
            }

            yield return (int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), seconds);
        }
    }

    /// <summary>
    /// Bytes this process has handed to write calls so far (<c>wchar</c> of <c>/proc/self/io</c>: the SQLite log's frames
    /// and the checkpoints' pages, whether or not they reached the disk yet), 0 where there is no <c>/proc</c>.
    /// </summary>
    public static long BytesWritten() => WcharOf("/proc/self/io");

    /// <summary>
    /// Bytes the threads of <paramref name="pid"/> whose name starts with <paramref name="namePrefix"/> have handed to
    /// write calls so far (each thread's <c>wchar</c>), 0 where there is no <c>/proc</c>.
    /// </summary>
    public static long BytesWrittenByThreads(int pid, string namePrefix) =>
        Threads(pid, namePrefix).Sum(t => WcharOf($"/proc/{pid}/task/{t.Tid}/io"));

    private static long WcharOf(string ioPath)
    {
        if (!File.Exists(ioPath))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(ioPath))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>User + system CPU seconds from a <c>/proc/…/stat</c> file (of a process or of one of its threads).</summary>
    public static double SecondsOf(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command: state is field 3 overall, utime 14, stime 15 → indexes 11 and 12 here.
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }
}
