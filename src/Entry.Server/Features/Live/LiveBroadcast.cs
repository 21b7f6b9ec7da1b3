using System.Threading.Channels;
using Entry.Server.Features.Sprint;

namespace Entry.Server.Features.Live;

/// <summary>
/// The features' <see cref="ISprintEvents"/>: each call only queues its notice (an unbounded channel never blocks nor
/// throws); <see cref="LiveFlusher"/> sends what is queued, coalesced, every <see cref="LiveOptions.FlushMilliseconds"/>.
/// </summary>
public sealed class LiveBroadcast : ISprintEvents
{
    private readonly Channel<LiveNotice> pending = Channel.CreateUnbounded<LiveNotice>(new UnboundedChannelOptions { SingleReader = true });

    public void CaseLogged(CaseLoggedNotice notice) => pending.Writer.TryWrite(new LiveNotice.Case(notice));

    public void BookChanged(BookChangedNotice notice) => pending.Writer.TryWrite(new LiveNotice.Book(notice));

    public void ProgressChanged(SprintPlace place) => pending.Writer.TryWrite(new LiveNotice.Progress(place));

    /// <summary>Everything queued so far, coalesced; null when nothing is.</summary>
    public LiveBatch? Drain()
    {
        LiveBatch? batch = null;
        while (pending.Reader.TryRead(out var notice))
        {
            (batch ??= new LiveBatch()).Add(notice);
        }
        return batch;
    }
}
