using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// The supervisor's late-order list: <c>GET /api/orders?overdue=true</c> lists the orders late in their SLA stage, with
/// their level. Before, the summary counted overdue orders but nothing listed them, and <c>?overdue=true</c> was ignored:
/// the list answered every order.
/// </summary>
public sealed class OverdueOrderListTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ListOverdue_OneOrderPastItsAllocationSla_ListsOnlyItWithItsLevelUntilItMovesOn(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync(provider, "api"), clock);
        var admin = host.Admin();
        await admin.PaidOrderAsync("LATE-1");
        await admin.PaidOrderAsync("LATE-2");
        (await admin.PostAsJsonAsync("/api/orders/own-LATE-2/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        await PassAsync(host, clock, TimeSpan.FromMinutes(121));
        await admin.PaidOrderAsync("LATE-3");
        var supervisor = await host.WithRolesAsync(ApiRoles.CustomerService);

        var late = await supervisor.ListOrdersAsync("overdue=true");
        var all = await supervisor.ListOrdersAsync();
        var onTimeAsked = await supervisor.GetAsync("/api/orders?overdue=false");
        (await admin.PostAsJsonAsync("/api/orders/own-LATE-1/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        var afterAllocation = await supervisor.ListOrdersAsync("overdue=true");

        Assert.Equal([("own-LATE-1", 1)], late.Items.Select(o => (o.Id, o.SlaLevel)));
        Assert.Equal(3, all.Items.Count);
        await ProblemAssert.IsAsync(onTimeAsked, HttpStatusCode.BadRequest, "request.invalid", "overdue");
        Assert.Empty(afterAllocation.Items);
    }

    /// <summary>Moves the clock and delivers the reminders then due (the SLA breaches), as the test cluster does.</summary>
    private static async Task PassAsync(ApiTestHost host, ManualTimeProvider clock, TimeSpan delta)
    {
        clock.Advance(delta);
        await host.Services.GetRequiredService<ReminderService>().DeliverDueRemindersAsync(CancellationToken.None);
    }
}
