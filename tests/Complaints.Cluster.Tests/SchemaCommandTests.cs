namespace Complaints.Cluster.Tests;

/// <summary>The schema command and the host's refusal to run on a database it has not prepared.</summary>
public sealed class SchemaCommandTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public void The_schema_command_applies_every_script_once_and_then_reports_the_database_up_to_date()
    {
        fixture.SchemaOutput.ShouldContain("Applied:");
        fixture.SchemaOutput.ShouldContain("Orleans.PostgreSQL-Clustering.sql");
        fixture.SchemaOutput.ShouldContain("Orleans.PostgreSQL-Reminders.sql");
        fixture.SecondSchemaOutput.Trim().ShouldBe("The schema is up to date.");
    }

    [Fact]
    public async Task A_host_refuses_to_start_on_a_database_without_the_schema_and_names_the_command()
    {
        var empty = await fixture.Server.CreateDatabaseAsync("empty");
        try
        {
            var settings = new Dictionary<string, string>(fixture.Settings) { ["Storage__ConnectionString"] = empty };
            await using var host = BuiltHost.Start("unprepared", settings);
            var error = await Should.ThrowAsync<InvalidOperationException>(host.WaitHealthyAsync(TimeSpan.FromSeconds(60)));
            error.Message.ShouldContain("Complaints.Host.dll schema", customMessage: error.Message);
            host.ExitCode.ShouldNotBe(0);
        }
        finally
        {
            await fixture.Server.DropDatabaseAsync(empty);
        }
    }

    [Fact]
    public async Task A_cluster_host_without_a_shared_signing_key_refuses_to_start()
    {
        var settings = new Dictionary<string, string>(fixture.Settings) { ["Auth__SigningKey"] = "" };
        await using var host = BuiltHost.Start("keyless", settings);
        var error = await Should.ThrowAsync<InvalidOperationException>(host.WaitHealthyAsync(TimeSpan.FromSeconds(60)));
        error.Message.ShouldContain("Auth:SigningKey");
    }
}
