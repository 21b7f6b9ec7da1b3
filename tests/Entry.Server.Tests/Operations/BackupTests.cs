using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entry.Server.Cli;
using Entry.Server.Features.Backup;
using Entry.Server.Tests.Support;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace Entry.Server.Tests.Operations;

/// <summary>A server keeping only the two newest backups.</summary>
public sealed class KeepTwoBackupsFactory : EntryFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Entry:Backup:Keep", "2");
    }
}

/// <summary>
/// The Admin's backup endpoint, and the <c>restore</c> command's refusals: while a server runs on the data directory, and
/// for a file that is not a sound Entry backup — in both cases nothing is replaced. The commands run as processes of their own.
/// </summary>
public sealed class BackupTests(KeepTwoBackupsFactory factory) : IClassFixture<KeepTwoBackupsFactory>, IDisposable
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "entry-backup-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_backup_endpoint_writes_a_checked_single_file_copy_with_the_keys_beside_it_and_keeps_the_newest()
    {
        var admin = await factory.AdminAsync();
        await factory.ClientAsAsync(Roles.Clerk, "clerk-before-backup");

        var answers = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await admin.PostAsync("/api/operations/backup", null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            answers.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        var folder = Path.Combine(factory.DataDirectory, "backups");
        var last = answers[^1];
        var name = last.GetProperty("file").GetString()!;
        Assert.Matches(new Regex(@"^entry-\d{8}-\d{6}(-\d+)?\.db$"), name);
        var file = Path.Combine(folder, name);
        Assert.Equal(new FileInfo(file).Length, last.GetProperty("bytes").GetInt64());
        Assert.Equal(0, last.GetProperty("cases").GetInt32());
        Assert.True(last.GetProperty("durationMilliseconds").GetInt64() >= 0);
        Assert.Equal(2, last.GetProperty("kept").GetInt32());
        // Entry:Backup:Keep = 2: the oldest went, with its keys.
        Assert.Equal(2, Directory.GetFiles(folder, "entry-*.db").Length);
        Assert.Equal(2, Directory.GetDirectories(folder, "entry-*.keys").Length);
        Assert.False(File.Exists(Path.Combine(folder, answers[0].GetProperty("file").GetString()!)));

        // The copy is one self-contained, sound file holding what the server held, and the keys are beside it.
        Assert.False(File.Exists(file + "-wal"));
        using (var copy = SqliteBackup.Open(file, SqliteOpenMode.ReadOnly))
        {
            Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check;"));
            Assert.Equal("delete", Scalar(copy, "PRAGMA journal_mode;"));
            Assert.Equal("1", Scalar(copy, "SELECT count(*) FROM \"AspNetUsers\" WHERE \"UserName\" = 'clerk-before-backup';"));
        }
        var keys = Directory.GetFiles(SqliteBackup.KeysFolderOf(file), "*.xml");
        Assert.NotEmpty(keys);
        Assert.Equal(keys.Length, last.GetProperty("keys").GetInt32());
    }

    [Fact]
    public async Task A_restore_is_refused_while_a_server_runs_on_the_data_directory_and_the_database_is_left_as_it_was()
    {
        var admin = await factory.AdminAsync();
        using var backup = await admin.PostAsync("/api/operations/backup", null);
        Assert.Equal(HttpStatusCode.OK, backup.StatusCode);
        var file = Path.Combine(factory.DataDirectory, "backups", (await backup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("file").GetString()!);
        // Made after the backup: a restore would lose it.
        await factory.ClientAsAsync(Roles.Clerk, "clerk-after-backup");

        var restore = await EntryCommand.RunAsync("restore", file, "--Entry:DataDirectory", factory.DataDirectory);

        Assert.True(restore.ExitCode == 1, restore.ToString());
        Assert.Contains("Stop the server", restore.Error);
        Assert.Contains(Path.Combine(factory.DataDirectory, DataDirectoryLock.FileName), restore.Error);
        Assert.Empty(Directory.GetFiles(factory.DataDirectory, "entry.db.before-restore-*"));
        Assert.Empty(Directory.GetFiles(factory.DataDirectory, "*.restoring"));
        // The running server still has its own database.
        using var signedIn = await factory.SignedInClientAsync("clerk-after-backup", EntryFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_a_sound_Entry_backup_is_refused_and_nothing_is_replaced()
    {
        var admin = await factory.AdminAsync();
        using var backup = await admin.PostAsync("/api/operations/backup", null);
        var good = Path.Combine(factory.DataDirectory, "backups", (await backup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("file").GetString()!);
        var target = Path.Combine(scratch, "box");
        var restored = await EntryCommand.RunAsync("restore", good, "--Entry:DataDirectory", target);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        var before = Hash(Path.Combine(target, "entry.db"));

        Directory.CreateDirectory(scratch);
        var text = Path.Combine(scratch, "notes.db");
        await File.WriteAllTextAsync(text, "not a database at all");
        var damaged = Path.Combine(scratch, "damaged.db");
        File.Copy(good, damaged);
        await using (var stream = File.OpenWrite(damaged))
        {
            // Garbage over pages in the middle: tables and indexes the integrity check reads.
            stream.Position = stream.Length / 3 / 4096 * 4096;
            stream.Write(RandomNumberGenerator.GetBytes(64 * 1024));
        }
        var foreign = Path.Combine(scratch, "foreign.db");
        using (var other = SqliteBackup.Open(foreign, SqliteOpenMode.ReadWriteCreate))
        {
            Scalar(other, "CREATE TABLE notes (text TEXT);");
        }

        foreach (var (file, reason) in new[] { (text, "not an SQLite database"), (damaged, "damaged"), (foreign, "not an Entry backup") })
        {
            var refused = await EntryCommand.RunAsync("restore", file, "--Entry:DataDirectory", target);

            Assert.True(refused.ExitCode == 1, $"{Path.GetFileName(file)}: {refused}");
            Assert.True(refused.Error.Contains(reason, StringComparison.Ordinal) || (file == damaged && refused.Error.Contains("malformed", StringComparison.Ordinal)),
                $"{Path.GetFileName(file)}: {refused}");
            Assert.Equal(before, Hash(Path.Combine(target, "entry.db")));
            Assert.Empty(Directory.GetFiles(target, "entry.db.before-restore-*"));
            Assert.Empty(Directory.GetFiles(target, "*.restoring"));
        }

        // The box's own database damaged — the usual reason to restore: the good backup replaces it, the damaged one kept aside.
        File.Copy(damaged, Path.Combine(target, "entry.db"), overwrite: true);
        var repaired = await EntryCommand.RunAsync("restore", good, "--Entry:DataDirectory", target);
        Assert.True(repaired.ExitCode == 0, repaired.ToString());
        Assert.Equal(Hash(good), Hash(Path.Combine(target, "entry.db")));
        Assert.Single(Directory.GetFiles(target, "entry.db.before-restore-*"));
    }

    [Fact]
    public async Task Settings_given_after_a_command_are_applied()
    {
        var data = Path.Combine(scratch, "after");
        var csv = Path.Combine(scratch, "demo.csv");

        var outcome = await EntryCommand.RunAsync("export-demo-inventory", csv, "--Entry:DataDirectory", data, "--Entry:Demo:Enabled=false");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.True(File.Exists(csv));
        Assert.True(File.Exists(Path.Combine(data, "entry.db")), "the setting after the command did not reach the configuration");
    }

    [Fact]
    public void Command_words_and_settings_are_told_apart_wherever_they_stand()
    {
        var split = CommandArguments.Split(["--Entry:Demo:Enabled", "false", "backup", "/safe/entry.db", "--Entry:DataDirectory", "/srv/entry", "--Entry:Clock:Offset", "-01:00:00", "--urls=http://127.0.0.1:1"]);

        Assert.Equal(["backup", "/safe/entry.db"], split.Words);
        Assert.Equal(["--Entry:Demo:Enabled", "false", "--Entry:DataDirectory", "/srv/entry", "--Entry:Clock:Offset", "-01:00:00", "--urls=http://127.0.0.1:1"], split.Settings);
    }

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (IOException)
        {
            // not made by this test, or a file still held by a late process (the temp folder is cleaned eventually)
        }
    }
}
