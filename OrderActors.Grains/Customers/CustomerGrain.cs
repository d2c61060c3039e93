using OrderActors.Runtime;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Reminders;

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

    public async Task<CustomerView> ReverseRefundAsync(CustomerRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        await CommitAsync(CustomerDecisions.ReverseRefund(journal.State, refund, time.GetUtcNow()), refund.Actor);
        return CustomerViews.ToView(Phone, journal.State, time.GetUtcNow());
    }

    public async Task<CustomerView> ForgetOrderAsync(ForgetCustomerOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var events = CustomerDecisions.ForgetOrder(journal.State, command, time.GetUtcNow());

        // An order not recorded here (a placement that failed before the recording) writes nothing: not even the tags
        // reminder a fresh activation would otherwise set on its first commit.
        if (events.Count > 0)
        {
            await CommitAsync(events, command.Actor);
        }

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
    /// Appends the events with the tags reminder moved to when the new state's tags next change, in one transaction (one
    /// commit wait: every new order waits on this; and a crash keeps both or neither). Nothing is written when there are
    /// no events and the reminder stays where this activation last put it.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<object> events, string actor)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? next = null;
        await journal.AppendAsync(events, actor, state =>
        {
            next = CustomerTagging.NextChange(state.Orders, now);
            return _reminderKnown && next == _reminderDueAt
                ? []
                : [next is { } dueAt ? ReminderChange.Set(TagsReminder, dueAt) : ReminderChange.Remove(TagsReminder)];
        });
        _reminderDueAt = next;
        _reminderKnown = true;
    }
}
