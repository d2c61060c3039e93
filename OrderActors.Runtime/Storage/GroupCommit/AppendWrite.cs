namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>An expected-version append (events, optional snapshot, optional index replacement).</summary>
internal sealed class AppendWrite(AppendRequest request, CancellationToken cancellationToken)
    : WriteOperation<AppendResult>(cancellationToken)
{
    public AppendRequest Request { get; } = request;

    /// <summary>The grain's version after this append.</summary>
    public long NewVersion => Request.ExpectedVersion + Request.Events.Count;
}
