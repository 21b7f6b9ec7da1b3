namespace Entry.Server.Features.Backup;

/// <summary>
/// <c>entry.lock</c> in the data directory, held open exclusively (an advisory <c>flock</c> on Linux) by the running
/// server and by a restore. The kernel drops it when the process ends, even by SIGKILL, so a crash leaves no stale lock.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "entry.lock";
    private readonly FileStream stream;

    private DataDirectoryLock(FileStream stream) => this.stream = stream;

    /// <summary>The lock, or null when another process (a running server, a restore) holds it.</summary>
    public static DataDirectoryLock? TryAcquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        try
        {
            var stream = new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            stream.Write(pid);
            stream.Flush();
            return new DataDirectoryLock(stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
