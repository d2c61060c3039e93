using System.Collections.Concurrent;

namespace OrderActors.Tests.Runtime.Pipelining;

/// <summary>One gate per grain key, so a test can hold a grain's mailbox while calls queue behind it.</summary>
public static class PipelineGates
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static TaskCompletionSource For(string key) =>
        Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
