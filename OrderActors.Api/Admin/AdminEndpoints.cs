using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Ledger;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;
using OrderActors.Runtime.Inspection;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Admin;

/// <summary><c>/api/admin</c> (admin only): runtime statistics, activations, one grain's state and events, reminders, the ledger check and repair.</summary>
public static class AdminEndpoints
{
    private const int LatestEvents = 20;
    private const int MaxTop = 1000;
    private const int MaxReminders = 5000;

    /// <summary>
    /// The longest <c>dueWithin</c>, and the window when none is given: ten years covers every reminder the domain sets
    /// (holds, SLA deadlines, expiries), and keeps <c>now + window</c> far from the end of the calendar.
    /// </summary>
    private static readonly TimeSpan MaxDueWithin = TimeSpan.FromDays(3650);

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireRoles();
        admin.MapGet("/cluster", ClusterAsync);
        admin.MapGet("/grains", Grains);
        admin.MapGet("/grains/{type}/{key}", GrainAsync);
        admin.MapGet("/reminders", RemindersAsync);
        admin.MapPost("/ledger/check", LedgerCheckAsync);
        admin.MapPost("/ledger/repair", LedgerRepairAsync);
        return admin;
    }

    private static async Task<Ok<ClusterStatusDto>> ClusterAsync(IRuntimeInspector inspector, CancellationToken cancellationToken)
    {
        var s = await inspector.GetStatisticsAsync(cancellationToken);
        return TypedResults.Ok(new ClusterStatusDto(
            s.SiloId,
            s.StartedAt,
            s.Uptime.TotalSeconds,
            s.StorageProvider,
            new StorageStatsDto(s.Storage.Provider, s.Storage.Commits, s.Storage.Writes, s.Storage.Conflicts, s.Storage.AverageBatchSize, s.Storage.CommitLatencyP50Ms, s.Storage.CommitLatencyP99Ms, s.Storage.QueueLength),
            s.Activations,
            s.ActivationsByType,
            s.MailboxBacklog,
            s.TopQueues.Select(ToDto).ToList(),
            s.CallsPerSecond,
            s.CallsTotal,
            s.CallsFailed,
            new ReminderStatsDto(s.ReminderBacklog, s.Reminders.P50Ms, s.Reminders.P99Ms, s.Reminders.MaxMs, s.Reminders.Deliveries, s.Reminders.Failures)));
    }

    private static Ok<List<ActivationDto>> Grains(IRuntimeInspector inspector, string? type = null, int top = 50)
    {
        // Out of range is refused as /api/orders refuses its limit, not clamped: a caller asking for -1 gets told.
        var validator = new Validator();
        validator.Limit(top, "top", MaxTop);
        validator.ThrowIfInvalid();
        var grainType = type is null ? null : Normalize(type, inspector);
        return TypedResults.Ok(inspector.ListActivations(grainType, top).Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<GrainDetailDto>, NotFound>> GrainAsync(
        string type,
        string key,
        IRuntimeInspector inspector,
        IGrainFactory grains,
        IGrainStorage storage,
        CancellationToken cancellationToken)
    {
        var grainType = Normalize(type, inspector);
        var events = await LatestEventsAsync(storage, new GrainId(grainType, key), cancellationToken);
        object? state = grainType switch
        {
            OrderIndex.GrainType when events.Count > 0 => await grains.GetGrain<IOrderGrain>(key).GetAsync(),
            SkuStockGrain.GrainTypeName => await grains.GetGrain<ISkuStockGrain>(key).GetAsync(),
            CustomerGrain.GrainTypeName when events.Count > 0 => await grains.GetGrain<ICustomerGrain>(key).GetAsync(),
            "rules" => await grains.GetGrain<IRulesGrain>(key).GetAsync(),
            _ => null,
        };
        if (state is null && events.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var active = inspector.ListActivations(grainType, int.MaxValue).Any(a => a.GrainId.Key == key);
        return TypedResults.Ok(new GrainDetailDto(grainType, key, active, state, events));
    }

    private static async Task<Ok<List<ReminderDto>>> RemindersAsync(IReminderTable reminders, TimeProvider time, CancellationToken cancellationToken, string? dueWithin = null, int limit = 200)
    {
        var validator = new Validator();
        validator.Limit(limit, "limit", MaxReminders);
        var window = ParseDuration(dueWithin, validator) ?? MaxDueWithin;
        validator.ThrowIfInvalid();
        var due = await reminders.GetDueRemindersAsync(time.GetUtcNow() + window, limit, cancellationToken);
        return TypedResults.Ok(due.Select(r => new ReminderDto(r.GrainId.Type, r.GrainId.Key, r.Name, r.DueAt, r.Period?.TotalSeconds)).ToList());
    }

    private static async Task<Ok<LedgerReportDto>> LedgerCheckAsync(IGrainFactory grains, IGrainStorage storage, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToDto(await new LedgerChecker(grains, storage, time).CheckAsync(cancellationToken)));

    /// <summary>Releases stock held for orders that were never stored (see <see cref="LedgerChecker.RepairAsync"/>); the check before and after.</summary>
    private static async Task<Ok<LedgerRepairDto>> LedgerRepairAsync(HttpContext http, IGrainFactory grains, IGrainStorage storage, TimeProvider time, CancellationToken cancellationToken)
    {
        var repair = await new LedgerChecker(grains, storage, time).RepairAsync(CallerAccess.From(http.User).Actor, cancellationToken);
        return TypedResults.Ok(new LedgerRepairDto(
            repair.Released.Select(r => new LedgerReleaseDto(r.OrderId, r.Skus)).ToList(),
            ToDto(repair.Before),
            ToDto(repair.After)));
    }

    private static LedgerReportDto ToDto(LedgerReport report) => new(
        report.IsClean,
        report.SkusChecked,
        report.OrdersChecked,
        report.HoldingsChecked,
        report.Drifts.Select(d => new LedgerDriftDto(d.Kind, d.Sku, d.OrderId, d.Expected, d.Actual)).ToList(),
        report.CheckedAt);

    private static async Task<List<GrainEventDto>> LatestEventsAsync(IGrainStorage storage, GrainId grainId, CancellationToken cancellationToken)
    {
        var latest = new Queue<StoredEvent>();
        long after = 0;
        while (true)
        {
            var page = await storage.ReadEventsAsync(grainId, after, 500, cancellationToken);
            foreach (var stored in page)
            {
                latest.Enqueue(stored);
                if (latest.Count > LatestEvents)
                {
                    latest.Dequeue();
                }
            }

            if (page.Count < 500)
            {
                break;
            }

            after = page[^1].Version;
        }

        return latest.Reverse().Select(e =>
        {
            using var data = JsonDocument.Parse(e.Data);
            return new GrainEventDto(e.Version, e.Position, e.EventType, e.Actor, e.Timestamp, data.RootElement.Clone());
        }).ToList();
    }

    private static string Normalize(string type, IRuntimeInspector inspector)
    {
        var name = type.ToLowerInvariant() switch
        {
            "sku" or "stock" => SkuStockGrain.GrainTypeName,
            var other => other,
        };
        if (!inspector.GrainTypes.Contains(name))
        {
            var validator = new Validator();
            validator.Add("type", $"must be one of {string.Join(", ", inspector.GrainTypes)} (or sku)");
            validator.ThrowIfInvalid();
        }

        return name;
    }

    /// <summary>A duration as <see cref="Durations"/> reads one; at most <see cref="MaxDueWithin"/>.</summary>
    private static TimeSpan? ParseDuration(string? text, Validator validator)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Durations.TryParse(text, MaxDueWithin, out var window, out var tooLong))
        {
            return window;
        }

        validator.Add("dueWithin", tooLong ? $"must be at most {MaxDueWithin.TotalDays:0}d" : Durations.IsBareNumber(text) ? Durations.BareNumberProblem : $"must be a duration such as {Durations.Examples}");
        return null;
    }

    private static ActivationDto ToDto(ActivationInfo a) => new(a.GrainId.Type, a.GrainId.Key, a.QueueLength, a.IdleTime.TotalSeconds, a.Calls);
}
