namespace OrderActors.Runtime.Storage;

/// <summary>
/// The journal store: events with expected-version appends, snapshots, query indexes and the change feed.
/// Implementations group-commit: appends that arrive together share one transaction, each request's expected
/// version is checked on its own, and each caller is answered when its batch is durable.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Short provider name (<c>sqlite</c>, <c>postgres</c>, <c>memory</c>).</summary>
    string ProviderName { get; }

    /// <summary>Creates or migrates the schema (idempotent, versioned). Called once at silo start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Loads the latest snapshot and the events after it.</summary>
    Task<JournalLoad> LoadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// True when appends are applied in the order they were called (one writer queue), so a grain may send its next
    /// append, expecting the version the one before will leave, before that one has answered. False when appends may
    /// run concurrently (then a grain waits for each answer before it sends the next).
    /// </summary>
    bool AppendsInOrder { get; }

    /// <summary>Appends atomically if the stored version equals the expected version, else throws <see cref="InconsistentStateException"/>. Returns when durable.</summary>
    Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken);

    /// <summary>A grain's events with version greater than <paramref name="afterVersion"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grainId, long afterVersion, int maxCount, CancellationToken cancellationToken);

    /// <summary>The change feed: all events with position greater than <paramref name="afterPosition"/>, in position order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// The change feed filtered to events of the given types (all events when <paramref name="eventTypes"/> is empty),
    /// in position order: the first <paramref name="maxCount"/> matches after <paramref name="afterPosition"/>. Events
    /// skipped before the last one returned did not match, so the last position returned is a cursor to go on from.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, IReadOnlyCollection<string> eventTypes, CancellationToken cancellationToken);

    /// <summary>
    /// The position of the newest event in the change feed, 0 when it is empty. Events committed later have greater
    /// positions, so a feed read after it returns only those.
    /// </summary>
    Task<long> GetFeedHeadAsync(CancellationToken cancellationToken);

    /// <summary>Grains matching an index query.</summary>
    Task<IReadOnlyList<IndexedGrain>> QueryIndexAsync(IndexQuery query, CancellationToken cancellationToken);

    /// <summary>Keys of grains of a type that have a journal, ordered, after <paramref name="afterKey"/>.</summary>
    Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string? afterKey, int maxCount, CancellationToken cancellationToken);
}
