namespace Entry.Server.Jobs;

/// <summary>Quartz.NET's job-store tables on PostgreSQL (<c>quartz-postgres.sql</c>, embedded), for the clustered scheduler.</summary>
public static class QuartzSchema
{
    public static string Create
    {
        get
        {
            using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream("Entry.Server.Jobs.quartz-postgres.sql")
                ?? throw new InvalidOperationException("The Quartz schema is not embedded in the server.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public const string Drop = """
        DROP TABLE IF EXISTS qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_scheduler_state, qrtz_locks,
            qrtz_simprop_triggers, qrtz_simple_triggers, qrtz_cron_triggers, qrtz_blob_triggers, qrtz_triggers,
            qrtz_job_details, qrtz_calendars;
        """;
}
