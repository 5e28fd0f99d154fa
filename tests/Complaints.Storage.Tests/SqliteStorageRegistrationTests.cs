using Complaints.Storage.Relational;
using Complaints.Storage.Sqlite;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Storage.Tests;

/// <summary>What the embedded host gets from <c>AddSqliteStorage</c>: every contract, one store, a migrated file.</summary>
public sealed class SqliteStorageRegistrationTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "complaints-registration-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public ValueTask InitializeAsync()
    {
        // A data directory holding the 2026-11 release's file, as an installation being upgraded has.
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-2026-11"), "complaints.db*"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        _services = new ServiceCollection().AddLogging().AddSqliteStorage(_folder).BuildServiceProvider();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_storage_contract_is_the_one_store_over_the_file_migrated_on_first_use()
    {
        var store = _services.GetRequiredService<SqliteCaseStore>();

        RelationalCaseStore.Contracts.ShouldAllBe(contract => ReferenceEquals(_services.GetRequiredService(contract), store));
        RelationalCaseStore.Contracts.Count.ShouldBe(typeof(SqliteCaseStore).GetInterfaces().Count(i => i.Namespace == "Complaints.Storage"));
        await using var connection = _services.GetRequiredService<SqliteDatabase>().Open();
        (await connection.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_versions")).ShouldBe(SqliteSchema.LatestVersion);
        (await _services.GetRequiredService<IReplyAddresses>().FindAsync("fangyang-water", "FYW-2026-000008", TestContext.Current.CancellationToken)).ShouldBe("user-openid-1");
    }
}
