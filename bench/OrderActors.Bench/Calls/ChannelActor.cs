using System.Threading.Channels;

namespace OrderActors.Bench.Calls;

/// <summary>
/// Baseline 2: the smallest honest actor — a <see cref="Channel{T}"/> mailbox drained by one loop, each message answered
/// through its own <see cref="TaskCompletionSource{TResult}"/> (asynchronous continuations, as the runtime answers).
/// </summary>
public sealed class ChannelActor
{
    private readonly Channel<(int Amount, TaskCompletionSource<int> Reply)> _mailbox =
        Channel.CreateUnbounded<(int, TaskCompletionSource<int>)>(new UnboundedChannelOptions { SingleReader = true });

    private int _count;

    public ChannelActor() => _ = Task.Run(LoopAsync);

    public int Count => Volatile.Read(ref _count);

    public Task<int> AddAsync(int amount)
    {
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _mailbox.Writer.TryWrite((amount, reply));
        return reply.Task;
    }

    public void Stop() => _mailbox.Writer.TryComplete();

    private async Task LoopAsync()
    {
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var message))
            {
                _count += message.Amount;
                message.Reply.TrySetResult(_count);
            }
        }
    }
}
