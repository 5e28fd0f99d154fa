using System.Reflection;
using Complaints.Api;
using Complaints.Cases;
using Complaints.Channels;
using Complaints.Commits;
using Complaints.Grains;
using Complaints.Reports;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Storage.Postgres;
using Complaints.Storage.Relational;
using Complaints.Storage.Sqlite;
using Complaints.Tenants;
using Complaints.Workbench;

namespace Complaints.Architecture.Tests;

public sealed class DependencyRuleTests
{
    private static readonly Assembly Cases = typeof(CaseState).Assembly;
    private static readonly Assembly Sla = typeof(Deadlines).Assembly;
    private static readonly Assembly Commits = typeof(CasePlan).Assembly;
    private static readonly Assembly Storage = typeof(ICaseEventStore).Assembly;
    private static readonly Assembly StorageSqlite = typeof(SqliteCaseStore).Assembly;
    private static readonly Assembly StoragePostgres = typeof(PostgresCaseStore).Assembly;
    private static readonly Assembly StorageRelational = typeof(RelationalCaseStore).Assembly;
    private static readonly Assembly GrainContracts = typeof(ICaseGrain).Assembly;
    private static readonly Assembly Grains = typeof(CaseGrain).Assembly;
    private static readonly Assembly Api = typeof(ApiModule).Assembly;
    private static readonly Assembly Reports = typeof(ReportsModule).Assembly;
    private static readonly Assembly Workbench = typeof(WorkbenchModule).Assembly;
    private static readonly Assembly Tenants = typeof(TenantDirectory).Assembly;
    private static readonly Assembly Host = typeof(Program).Assembly;
    private static readonly Assembly IntakeContract = typeof(IChannelPlugin).Assembly;
    private static readonly Assembly ChannelsModule = typeof(PluginCatalog).Assembly;

    [Fact]
    public void The_intake_contract_references_no_project_of_the_solution_and_no_orleans()
    {
        Rules.OnlyThroughContracts(IntakeContract).ShouldBeEmpty();
        Rules.NoOrleans(IntakeContract).ShouldBeEmpty();
    }

    [Fact]
    public void The_no_orleans_rule_catches_an_assembly_that_uses_orleans() =>
        Rules.NoOrleans(GrainContracts).ShouldNotBeEmpty();

    [Fact]
    public void The_channels_module_reaches_the_complaints_module_only_through_its_contract() =>
        Rules.OnlyThroughContracts(ChannelsModule, "Complaints.Channels.Abstractions", "Complaints.Grains.Abstractions", "Complaints.Storage", "Complaints.Tenants").ShouldBeEmpty();

    [Fact]
    public void The_pure_core_references_nothing_with_io()
    {
        Rules.PureCore(Cases).ShouldBeEmpty();
        Rules.PureCore(Sla).ShouldBeEmpty();
    }

    [Fact]
    public void The_commit_plan_is_pure_and_sees_only_the_core_and_the_storage_records() =>
        Rules.PureCommitPlan(Commits).ShouldBeEmpty();

    [Fact]
    public void The_commit_plan_rule_catches_a_module_with_io_or_other_modules()
    {
        var violations = Rules.PureCommitPlan(Grains);

        violations.ShouldContain(v => v.Contains("Orleans", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("Complaints.Tenants", StringComparison.Ordinal));
    }

    [Fact]
    public void The_pure_core_rule_catches_a_module_with_io() =>
        Rules.PureCore(Grains).ShouldContain(v => v.Contains("Orleans", StringComparison.Ordinal));

    [Fact]
    public void The_storage_and_grain_contracts_stand_alone()
    {
        Rules.StandsAlone(Storage).ShouldBeEmpty();

        // The grain contract may see the pure state machine (its action table maps requests to commands), nothing else.
        Rules.OnlyThroughContracts(GrainContracts, "Complaints.Cases").ShouldBeEmpty();
    }

    [Fact]
    public void The_stand_alone_rule_catches_an_implementation() =>
        Rules.StandsAlone(StorageSqlite).ShouldContain(v => v.Contains("Complaints.Storage", StringComparison.Ordinal));

    [Fact]
    public void Both_stores_see_only_the_storage_contract_and_the_relational_core_so_the_grains_run_unchanged_on_either()
    {
        Rules.OnlyThroughContracts(StorageSqlite, "Complaints.Storage", "Complaints.Storage.Relational").ShouldBeEmpty();
        Rules.OnlyThroughContracts(StoragePostgres, "Complaints.Storage", "Complaints.Storage.Relational").ShouldBeEmpty();
        Rules.OnlyThroughContracts(Grains, "Complaints.Grains.Abstractions", "Complaints.Storage", "Complaints.Tenants", "Complaints.Cases", "Complaints.Sla", "Complaints.Commits", "Complaints.Texts")
            .ShouldBeEmpty();
    }

    [Fact]
    public void The_relational_core_sees_only_the_storage_contract_and_no_database_driver()
    {
        Rules.OnlyThroughContracts(StorageRelational, "Complaints.Storage").ShouldBeEmpty();
        StorageRelational.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(r => r.StartsWith("Npgsql", StringComparison.Ordinal) || r.StartsWith("Microsoft.Data", StringComparison.Ordinal) || r.StartsWith("Microsoft.Extensions", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    // The texts are everyone's (no dependencies): the API renders them in the reader's language.
    [Fact]
    public void The_api_reaches_other_modules_only_through_their_contracts() =>
        Rules.OnlyThroughContracts(Api, "Complaints.Grains.Abstractions", "Complaints.Storage", "Complaints.Tenants", "Complaints.Sla", "Complaints.Texts", "Complaints.Reports").ShouldBeEmpty();

    // Reports read the ledger through the storage contract and a case through its grain's contract, like the API.
    [Fact]
    public void The_reports_reach_other_modules_only_through_their_contracts() =>
        Rules.OnlyThroughContracts(Reports, "Complaints.Grains.Abstractions", "Complaints.Storage", "Complaints.Tenants", "Complaints.Sla").ShouldBeEmpty();

    // The workbench acts through the grains' contract and the intake as the API does, signs in through the API's public
    // seams (Logins, UserStanding, CurrentUser) and reads the ledger through the storage contract and the reports through
    // the same report code as the API: no business rule of its own. The supervisor's overdue board is the Reports module's
    // own daily overdue list, and the queues name statuses by the domain's vocabulary (CaseStatus, the owner of their words).
    [Fact]
    public void The_workbench_reaches_other_modules_only_through_their_contracts() =>
        Rules.OnlyThroughContracts(Workbench, "Complaints.Grains.Abstractions", "Complaints.Storage", "Complaints.Tenants", "Complaints.Sla", "Complaints.Texts", "Complaints.Api", "Complaints.Reports", "Complaints.Cases").ShouldBeEmpty();

    [Fact]
    public void The_grains_use_storage_only_through_its_contract() =>
        Rules.OnlyThroughContracts(Grains, "Complaints.Grains.Abstractions", "Complaints.Storage", "Complaints.Tenants", "Complaints.Cases", "Complaints.Sla", "Complaints.Commits", "Complaints.Texts").ShouldBeEmpty();

    [Fact]
    public void The_contract_rule_catches_a_reach_into_an_implementation() =>
        Rules.OnlyThroughContracts(Host, "Complaints.Grains.Abstractions", "Complaints.Storage", "Complaints.Tenants")
            .ShouldContain(v => v.Contains("Complaints.Storage.Sqlite", StringComparison.Ordinal));

    [Fact]
    public void The_host_references_no_plugin_project() =>
        Rules.NoPluginProjectReferences(Rules.Project("host/Complaints.Host/Complaints.Host.csproj")).ShouldBeEmpty();

    [Fact]
    public void The_plugin_reference_rule_catches_a_project_that_references_a_plugin() =>
        Rules.NoPluginProjectReferences(Rules.Project("tests/Complaints.Channels.WeChat.Tests/Complaints.Channels.WeChat.Tests.csproj")).ShouldNotBeEmpty();

    [Fact]
    public void Plugins_reference_neither_modules_nor_orleans()
    {
        var plugins = Rules.PluginProjects().ToList();
        plugins.ShouldNotBeEmpty();
        plugins.SelectMany(Rules.PluginIsolation).ShouldBeEmpty();
    }

    [Fact]
    public void The_plugin_isolation_rule_catches_a_project_with_orleans_and_modules() =>
        Rules.PluginIsolation(Rules.Project("modules/Grains/Complaints.Grains.csproj")).Count.ShouldBeGreaterThanOrEqualTo(2);

    [Fact]
    public void The_plugin_isolation_rule_catches_a_plugin_that_ships_its_own_contract() =>
        Rules.PluginIsolation(Rules.Project("tests/Complaints.Architecture.Tests/Fixtures/PluginCopyingTheContract.csproj.txt"))
            .ShouldContain(v => v.Contains("Private=false", StringComparison.Ordinal));

    [Fact]
    public void Grains_are_sealed() => Rules.GrainsAreSealed([.. Grains.GetTypes(), .. Reports.GetTypes()]).ShouldBeEmpty();

    [Fact]
    public void The_sealed_grain_rule_catches_an_open_grain() =>
        Rules.GrainsAreSealed([typeof(OpenGrain)]).ShouldHaveSingleItem();

    [Fact]
    public void The_tenants_module_depends_on_no_other_module() => Rules.OnlyThroughContracts(Tenants).ShouldBeEmpty();

    /// <summary>A deliberately broken example for the sealed-grain rule.</summary>
    private class OpenGrain : Grain;
}
