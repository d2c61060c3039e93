namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>An expected-version append (events, optional snapshot, optional index replacement, reminder changes).</summary>
internal sealed class AppendWrite(AppendRequest request, CancellationToken cancellationToken)
    : WriteOperation<AppendResult>(cancellationToken)
{
    public AppendRequest Request { get; } = request;

    /// <summary>The grain's version after this append.</summary>
    public long NewVersion => Request.ExpectedVersion + Request.Events.Count;

    /// <summary>
    /// The ETag each reminder change stores (null for a removal), made once per write as <see cref="ReminderUpsertWrite"/>
    /// makes its own, so a batch re-run stores the same one.
    /// </summary>
    public string?[] ReminderETags { get; } = MakeETags(request.Reminders);

    private static string?[] MakeETags(IReadOnlyList<Reminders.ReminderChange>? changes)
    {
        if (changes is not { Count: > 0 })
        {
            return [];
        }

        var etags = new string?[changes.Count];
        for (var i = 0; i < etags.Length; i++)
        {
            etags[i] = changes[i].IsRemoval ? null : ETags.New();
        }

        return etags;
    }
}
