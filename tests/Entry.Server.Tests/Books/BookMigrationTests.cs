using Entry.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Entry.Server.Tests.Books;

/// <summary>A database of the previous version migrates: its whole-number volumes become their text, and codes become unique regardless of case.</summary>
public sealed class BookMigrationTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), "entry-tests", $"migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Integer_volumes_become_their_text_and_a_second_letter_case_of_a_code_is_refused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var db = new EntryDb(new DbContextOptionsBuilder<EntryDb>().UseSqlite($"Data Source={file}").Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261123144734_Monitoring");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Units" ("Code", "Name", "Kind", "Level", "ParentCode", "DistrictCode") VALUES ('70', 'Tỉnh', 'Tỉnh', 1, NULL, NULL);
            INSERT INTO "Books" ("Code", "UnitCode", "Type", "Volume", "RegisteredFrom", "RegisteredTo", "CaseCount", "Condition", "Status", "ImportedAt", "TeamId", "QueuePosition", "AssignedByAdmin")
            VALUES ('KS-70-1970-01', '70', 0, 12, '1970-01-01', '1970-12-31', 40, 0, 0, '2026-11-23 10:00:00+00:00', NULL, 0, 0);
            """);

        await migrator.MigrateAsync();

        var book = await db.Books.AsNoTracking().SingleAsync();
        Assert.Equal("12", book.Volume);
        Assert.Equal("text", await db.Database.SqlQueryRaw<string>("""SELECT typeof("Volume") AS "Value" FROM "Books" """).SingleAsync());
        Assert.Equal(book.Id, (await db.Books.AsNoTracking().SingleAsync(b => b.Code == "ks-70-1970-01")).Id);
        await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Books" ("Code", "UnitCode", "Type", "Volume", "RegisteredFrom", "RegisteredTo", "CaseCount", "Condition", "Status", "ImportedAt", "TeamId", "QueuePosition", "AssignedByAdmin")
            VALUES ('ks-70-1970-01', '70', 0, '13', '1971-01-01', '1971-12-31', 40, 0, 0, '2026-11-23 10:00:00+00:00', NULL, 0, 0);
            """));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
