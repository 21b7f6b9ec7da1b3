namespace Entry.Server.Data;

/// <summary>The database engines Entry runs on (<c>Entry:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
