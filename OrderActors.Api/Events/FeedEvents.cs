using System.Text.Json;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Events;

/// <summary>Turns stored change-feed events into their API shape.</summary>
public static class FeedEvents
{
    public static FeedEventView ToView(StoredEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        using var data = JsonDocument.Parse(stored.Data);
        return new FeedEventView(stored.Position, stored.GrainId.Type, stored.GrainId.Key, stored.Version, stored.EventType, stored.Actor, stored.Timestamp, data.RootElement.Clone());
    }
}
