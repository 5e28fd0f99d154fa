using System.Globalization;
using System.Security.Cryptography;
using Complaints.Reports;
using Complaints.Storage.Postgres;
using Complaints.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Complaints.Api.Tests;

/// <summary>The hand-computed month (<see cref="StatisticsMonth"/>) on the embedded SQLite store, on a platform of its own.</summary>
public sealed class StatisticsTests
{
    [Fact]
    public async Task A_month_of_cases_gives_the_hand_computed_figures_by_every_grouping_with_the_previous_period_and_in_excel()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var month = new StatisticsMonth(user => platform.LoginAsync(user));

        await month.BuildAsync();

        await month.VerifyAsync();
        await SnapshotSectionAsync(platform, month.Month);
    }

    /// <summary>
    /// The section a monthly or quarterly snapshot takes: the month by category, channel, department and target for the
    /// whole tenant (totals as computed by hand in <see cref="StatisticsMonth"/>), a pair of sheets each.
    /// </summary>
    private static async Task SnapshotSectionAsync(PlatformInstance platform, DateOnly month)
    {
        var section = platform.Services.GetServices<IReportSection>().Single(s => s.Name == "statistics");
        section.BelongsTo(SnapshotKind.Monthly).ShouldBeTrue();
        section.BelongsTo(SnapshotKind.Quarterly).ShouldBeTrue();
        section.BelongsTo(SnapshotKind.Daily).ShouldBeFalse();

        var produced = await section.ProduceAsync(StatisticsMonth.Tenant, month, month.AddMonths(1).AddDays(-1), CultureInfo.GetCultureInfo("zh-CN"));

        var parts = produced.Data.ShouldBeAssignableTo<IReadOnlyList<StatisticsReport>>()!;
        parts.Select(p => p.By).ShouldBe(["category", "channel", "department", "target"]);
        parts.ShouldAllBe(p => p.Total.Received == 10 && p.Total.Closed == 5 && p.Total.CompletionRate == 0.8333m && p.Department == null);
        await using var stream = new MemoryStream();
        await using (var workbook = await Workbook.CreateAsync(stream))
        {
            await produced.WriteSheetsAsync(workbook, CancellationToken.None);
            await workbook.FinishAsync();
        }

        stream.Position = 0;
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(stream);
        var names = new List<string>();
        do
        {
            names.Add(reader.Name);
        }
        while (reader.NextResult());

        names.ShouldBe(["投诉统计（类别）", "上期对比（类别）", "投诉统计（渠道）", "上期对比（渠道）", "投诉统计（处置部门）", "上期对比（处置部门）", "投诉统计（投诉对象）", "上期对比（投诉对象）"]);
    }
}

/// <summary>
/// The same month on PostgreSQL: the host in process in cluster mode (production, so with configured users) on a new
/// database of the test run's server, prepared by the platform's own schema scripts.
/// </summary>
public sealed class PostgresStatisticsTests
{
    private const string Password = "statistics-passw0rd";

    [Fact]
    public async Task A_month_of_cases_gives_the_hand_computed_figures_on_postgresql()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync("statistics");
        try
        {
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                await PostgresSchema.EnsureAsync(dataSource);
            }

            var hash = PasswordHashing.Hash(Password);
            var cluster = "statistics-" + Guid.NewGuid().ToString("N")[..8];
            var users = new (string Name, string Role, string? Department)[]
            {
                ("agent", "agent", null), ("supervisor", "supervisor", null), ("pipe-network", "handler", "pipe-network"), ("billing", "handler", "billing"),
            };
            string[] settings =
            [
                .. PlatformInstance.Production,
                "--Storage:Provider", "postgres", "--Storage:ConnectionString", connectionString,
                "--Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
                "--Orleans:ClusterId", cluster, "--Orleans:ServiceId", cluster, "--Orleans:AdvertisedAddress", "127.0.0.1",
                "--Clocks:SweepInterval", "00:00:01", "--Clocks:SweepGrace", "00:00:02",
                .. users.SelectMany(u => new[] { $"--Tenants:{StatisticsMonth.Tenant}:Users:{u.Name}:Role", u.Role, $"--Tenants:{StatisticsMonth.Tenant}:Users:{u.Name}:PasswordHash", hash }
                    .Concat(u.Department is null ? [] : [$"--Tenants:{StatisticsMonth.Tenant}:Users:{u.Name}:Department", u.Department])),
            ];
            await using var platform = await PlatformInstance.StartAsync(null, settings);
            var month = new StatisticsMonth(user => platform.LoginAsync($"{user}@{StatisticsMonth.Tenant}", Password));

            await month.BuildAsync();

            await month.VerifyAsync();
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}

/// <summary>The previous period of equal length: whole months go back as many calendar months, any other range as many days.</summary>
public sealed class StatisticsPeriodTests
{
    [Theory]
    [InlineData("2026-11-01", "2026-11-30", "2026-10-01", "2026-10-31")] // a month: the month before, 31 days
    [InlineData("2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28")] // a month after a short February
    [InlineData("2026-01-01", "2026-01-31", "2025-12-01", "2025-12-31")] // across the new year
    [InlineData("2026-10-01", "2026-12-31", "2026-07-01", "2026-09-30")] // a quarter: the quarter before
    [InlineData("2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31")] // a year
    [InlineData("2026-11-30", "2026-11-30", "2026-11-29", "2026-11-29")] // a day: the day before
    [InlineData("2026-11-10", "2026-11-16", "2026-11-03", "2026-11-09")] // a week: 7 days before
    [InlineData("2026-03-15", "2026-04-14", "2026-02-12", "2026-03-14")] // a custom 31 days: 31 days before
    [InlineData("2026-11-01", "2026-11-15", "2026-10-17", "2026-10-31")] // half a month is 15 days, not a month
    public void The_previous_period_has_the_same_length(string from, string to, string previousFrom, string previousTo)
    {
        var previous = new StatisticsPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)).Previous();

        previous.ShouldBe(new StatisticsPeriod(DateOnly.Parse(previousFrom, CultureInfo.InvariantCulture), DateOnly.Parse(previousTo, CultureInfo.InvariantCulture)));
    }
}
