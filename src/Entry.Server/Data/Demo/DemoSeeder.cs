using System.Text;
using Entry.Server.Features.Books;
using Entry.Shared.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Entry.Server.Hosting;

namespace Entry.Server.Data.Demo;

/// <summary>The demo users and the generated Bình Phước inventory (demo mode only).</summary>
public sealed partial class DemoSeeder(EntryDb db, BookImporter importer, IOptions<DemoOptions> options, ILogger<DemoSeeder> logger)
{
    public delegate Task EnsureUser(string userName, string displayName, string password, string role, string? unitCode);

    public async Task SeedUsersAsync(EnsureUser ensure, CancellationToken ct)
    {
        var password = options.Value.Password;
        await ensure("admin", "Quản trị viên (demo)", password, Roles.Admin, "70");
        await ensure("monitor", "Sở Tư pháp (demo)", password, Roles.Monitor, "70");
        await ensure("monitor689", "Phòng Tư pháp Đồng Xoài (demo)", password, Roles.Monitor, "689");
        await ensure("leader", "Tổ trưởng (demo)", password, Roles.TeamLeader, "689");
        await ensure("clerk", "Nhập liệu viên (demo)", password, Roles.Clerk, "689");
    }

    /// <summary>Loads the generated inventory through the importer, the same path a real CSV takes, when no book is stored yet.</summary>
    public async Task SeedInventoryAsync(CancellationToken ct)
    {
        if (await db.Books.AnyAsync(ct))
        {
            return;
        }
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            await BookCsv.WriteAsync(BookCsv.ToAsync(DemoInventory.Generate(units)), writer, ct);
        }
        buffer.Position = 0;
        var (result, error) = await importer.ImportAsync(buffer, ct);
        if (error is not null || result!.Rejected.Count > 0)
        {
            throw new InvalidOperationException($"The demo inventory does not import cleanly: {error?.Reason ?? result!.Rejected[0].Reason}");
        }
        LogSeeded(result.Accepted);
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Demo inventory loaded: {Books} books")]
    private partial void LogSeeded(int books);
}
