namespace OrderActors.Tests.Storage;

/// <summary>A clock that only moves when a test moves it (document times are taken from it).</summary>
public sealed class StorageTestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
