using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Customers;

/// <summary>
/// A customer keyed by normalised phone. Tags are evaluated at read time; a reminder due when they next can change
/// (an order leaving the 90-day window, the churn line) records the change so the index lists customers by tag.
/// An idle customer is collected after one minute: orders call it only when placed and refunded (cancelled), and the
/// reload on the next order is one storage read.
/// </summary>
[GrainType(GrainTypeName)]
[CollectionAgeLimit(Minutes = 1)]
public sealed class CustomerGrain(IJournal<CustomerState> journal, TimeProvider time) : Grain, ICustomerGrain, IRemindable
{
    public const string GrainTypeName = "customer";
    public const string TagsReminder = "tags";

    private bool _reminderKnown;
    private DateTimeOffset? _reminderDueAt;

    private string Phone => GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (PhoneNumbers.Normalize(Phone) != Phone)
        {
            throw DomainException.Validation("customer.invalid_phone", "phone", $"Customer keys are normalised phone numbers; use '{PhoneNumbers.Normalize(Phone)}'.");
        }

        return Task.CompletedTask;
    }

    public async Task<CustomerOrderResult> RecordOrderAsync(CustomerOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var events = CustomerDecisions.RecordOrder(journal.State, order, time.GetUtcNow());
        await CommitAsync(events, order.Actor);
        return CustomerViews.ToResult(Phone, journal.State, order.OrderId, alreadyRecorded: events.Count == 0, order.PlacedAt - order.RecentOrderWindow);
    }

    public async Task<CustomerView> RecordRefundAsync(CustomerRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        await CommitAsync(CustomerDecisions.RecordRefund(journal.State, refund, time.GetUtcNow()), refund.Actor);
        return CustomerViews.ToView(Phone, journal.State, time.GetUtcNow());
    }

    public Task<CustomerView> GetAsync() => Task.FromResult(CustomerViews.ToView(Phone, journal.State, time.GetUtcNow()));

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        if (reminderName != TagsReminder)
        {
            return;
        }

        _reminderKnown = false;
        await CommitAsync(CustomerDecisions.RefreshTags(journal.State, time.GetUtcNow()), "system");
    }

    /// <summary>
    /// Appends the events and moves the tags reminder side by side (one commit wait, not two: every new order waits on
    /// this). The append applies the events before it returns, so the next tag change is computed from the new state.
    /// A crash between the two commits can lose only the reminder move: tags then refresh at the customer's next event.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<object> events, string actor)
    {
        var append = events.Count > 0 ? journal.AppendAsync(events, actor) : Task.CompletedTask;
        var next = CustomerTagging.NextChange(journal.State.Orders, time.GetUtcNow());
        if (_reminderKnown && next == _reminderDueAt)
        {
            await append;
            return;
        }

        var reminder = next is { } dueAt ? RegisterOrUpdateReminderAsync(TagsReminder, dueAt) : UnregisterReminderAsync(TagsReminder);
        await Task.WhenAll(append, reminder);
        _reminderDueAt = next;
        _reminderKnown = true;
    }
}
