using System.Data.Common;

namespace Entry.Server.Data;

/// <summary>The few lines every prepared ADO.NET command of Entry (bulk insert, plan store, counters) needs.</summary>
public static class DbCommands
{
    /// <summary>Adds a named parameter and answers it, to be given a value per row.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
