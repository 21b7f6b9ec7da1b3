using System.Globalization;
using System.Text;

namespace Entry.Server.Features.Backup;

/// <summary>
/// <c>entry.lock</c> in the data directory, held open with <see cref="FileShare.None"/> (an exclusive <c>flock</c> on
/// Linux, a sharing lock on Windows) by the running server and by a restore. The operating system drops the lock when
/// the process ends, even by SIGKILL, so a crash leaves no stale lock behind; the file itself stays and means nothing.
/// </summary>
public sealed class DataDirectoryLock(string dataDirectory) : IDisposable
{
    public const string FileName = "entry.lock";
    private FileStream? held;

    public string File { get; } = Path.Combine(dataDirectory, FileName);

    /// <summary>Takes the lock, or answers false when another process holds it.</summary>
    public bool TryAcquire()
    {
        if (held is not null)
        {
            return true;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        try
        {
            var stream = new FileStream(File, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            // Who holds it, for a person looking at the folder.
            stream.SetLength(0);
            stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush();
            held = stream;
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Takes the lock, waiting up to <paramref name="patience"/> for a holder that is finishing (a server stopping, a restore).</summary>
    public async Task<bool> AcquireAsync(TimeSpan patience, CancellationToken ct)
    {
        var until = DateTime.UtcNow + patience;
        while (!TryAcquire())
        {
            if (DateTime.UtcNow >= until)
            {
                return false;
            }
            await Task.Delay(250, ct);
        }
        return true;
    }

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }
}
