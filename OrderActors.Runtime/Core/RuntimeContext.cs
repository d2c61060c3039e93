namespace OrderActors.Runtime.Core;

/// <summary>The call chain of the turn running on the current logical flow (set by the mailbox while a turn starts).</summary>
internal static class RuntimeContext
{
    private static readonly AsyncLocal<CallChain?> Chain = new();

    public static CallChain? CurrentChain
    {
        get => Chain.Value;
        set => Chain.Value = value;
    }
}
