using Microsoft.Data.Sqlite;

namespace IptTriage.DurableTask.Sqlite.Storage.Sqlite;

/// <summary>A statement prepared once on the writer connection and re-run with new positional values.</summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;

    public PreparedCommand(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            _command.Parameters.Add(new SqliteParameter(name, null));
        }
    }

    /// <summary>Runs the statement and returns the number of rows changed.</summary>
    public int Execute(SqliteTransaction transaction, params object?[] values)
    {
        _command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
