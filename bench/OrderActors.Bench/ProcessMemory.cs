using System.Globalization;

namespace OrderActors.Bench;

/// <summary>A process's resident set from <c>/proc/&lt;pid&gt;/status</c> (Linux): now (<c>VmRSS</c>) and its peak (<c>VmHWM</c>).</summary>
public static class ProcessMemory
{
    /// <summary>The peak resident set of <paramref name="pid"/> in bytes (since it started or its last <see cref="ResetPeak"/>), 0 where there is no <c>/proc</c>.</summary>
    public static long PeakRssBytes(int pid) => StatusKb(pid, "VmHWM:") * 1024;

    /// <summary>The resident set of <paramref name="pid"/> in bytes now, 0 where there is no <c>/proc</c>.</summary>
    public static long RssBytes(int pid) => StatusKb(pid, "VmRSS:") * 1024;

    /// <summary>
    /// Starts the peak afresh from the current resident set: <c>5</c> written to <c>/proc/&lt;pid&gt;/clear_refs</c> resets
    /// the kernel's <c>VmHWM</c>. False when the kernel refused (the peak then still includes what came before).
    /// </summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long StatusKb(int pid, string field)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
