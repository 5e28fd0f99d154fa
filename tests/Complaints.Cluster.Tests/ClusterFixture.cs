using System.Security.Cryptography;
using Complaints.Testing;
using Complaints.Testing.Postgres;

namespace Complaints.Cluster.Tests;

/// <summary>
/// A database on the test run's PostgreSQL server, prepared by the host's own <c>schema</c> command, and the settings
/// every host of one cluster shares: provider, connection string, signing key, cluster and service ids, a configured
/// user (hashed by the host's <c>hash-password</c> command), failure detection tuned to seconds.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Tenant = "fuyang-gas";
    public const string User = "tester@fuyang-gas";
    public const string Password = "s3cret-passw0rd";

    /// <summary>A supervisor (same password as <see cref="User"/>), login <c>{Supervisor}@{Tenant}</c>.</summary>
    public const string Supervisor = "inspector";

    public PostgresServer Server { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public string SchemaOutput { get; private set; } = "";

    public string SecondSchemaOutput { get; private set; } = "";

    /// <summary>Environment variables for every host of the cluster.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Server = await PostgresServer.SharedAsync();
        ConnectionString = await Server.CreateDatabaseAsync("cluster");
        var storage = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "postgres",
            ["Storage__ConnectionString"] = ConnectionString,
        };

        var (code, output) = await HostCommand.RunAsync(BuiltHost.Dll, ["schema"], storage);
        code.ShouldBe(0, output);
        SchemaOutput = output;
        (code, output) = await HostCommand.RunAsync(BuiltHost.Dll, ["schema"], storage);
        code.ShouldBe(0, output);
        SecondSchemaOutput = output;

        (code, output) = await HostCommand.RunAsync(BuiltHost.Dll, ["hash-password"], storage, input: Password);
        code.ShouldBe(0, output);
        var hash = output.Trim();

        foreach (var (key, value) in storage)
        {
            Settings[key] = value;
        }

        var cluster = "test-" + Guid.NewGuid().ToString("N")[..8];
        Settings["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        Settings["Orleans__ClusterId"] = cluster;
        Settings["Orleans__ServiceId"] = cluster;
        Settings["Orleans__AdvertisedAddress"] = "127.0.0.1";
        // Failure detection in seconds, not the production minute: probe every second, two missed probes suspect.
        Settings["Orleans__Membership__ProbeTimeout"] = "00:00:01";
        Settings["Orleans__Membership__NumMissedProbesLimit"] = "2";
        Settings["Orleans__Membership__NumVotesForDeathDeclaration"] = "2";
        Settings["Orleans__Membership__TableRefreshTimeout"] = "00:00:02";
        Settings["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05";
        Settings["Orleans__Membership__DeathVoteExpirationTimeout"] = "00:00:30";
        Settings["Clocks__SweepInterval"] = "00:00:01";
        Settings["Clocks__SweepGrace"] = "00:00:02";
        Settings[$"Tenants__{Tenant}__Users__tester__DisplayName"] = "测试坐席";
        Settings[$"Tenants__{Tenant}__Users__tester__Role"] = "agent";
        Settings[$"Tenants__{Tenant}__Users__tester__PasswordHash"] = hash;
        Settings[$"Tenants__{Tenant}__Users__{Supervisor}__DisplayName"] = "测试督办员";
        Settings[$"Tenants__{Tenant}__Users__{Supervisor}__Role"] = "supervisor";
        Settings[$"Tenants__{Tenant}__Users__{Supervisor}__PasswordHash"] = hash;
    }

    public async ValueTask DisposeAsync() => await Server.DropDatabaseAsync(ConnectionString);
}
