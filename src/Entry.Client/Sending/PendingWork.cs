namespace Entry.Client.Sending;

/// <summary>What the clerk saved that the server has not taken yet: the layout asks before signing out.</summary>
public sealed class PendingWork(SendingQueue queue)
{
    /// <summary>Items waiting to be sent, plus refused ones the clerk has not dealt with.</summary>
    public int Count => queue.WaitingCount + queue.Refused.Count;

    public bool Any => Count > 0;
}
