using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Complaints.Storage.Sqlite;

/// <summary>
/// The writer connection's statements, each prepared once and kept for the connection's life. Microsoft.Data.Sqlite
/// keeps a statement prepared only within the command that prepared it, and the writer runs the same few statements
/// thousands of times a second during a deadline storm: parsing and planning them each time cost more than running them.
/// Only the writer's own thread runs units, one at a time, so a connection's commands are never shared between threads.
/// Every writer-side statement that runs per unit goes through here: the savepoints, a case append's statements, the
/// reminder rows.
/// </summary>
public static class WriterStatements
{
    private const int MaxPrepared = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Prepared = new();

    /// <summary>The command for <paramref name="sql"/> on <paramref name="transaction"/>'s connection, in it, with no parameters bound yet.</summary>
    public static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var connection = transaction.Connection!;
        var commands = Prepared.GetOrCreateValue(connection);
        if (!commands.TryGetValue(sql, out var command))
        {
            // A ledger UPDATE's text depends on which columns changed: a handful of sets in practice, but bounded all the same.
            if (commands.Count >= MaxPrepared)
            {
                foreach (var old in commands.Values)
                {
                    old.Dispose();
                }

                commands.Clear();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }
}
