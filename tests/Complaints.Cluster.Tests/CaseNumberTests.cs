using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Testing;

namespace Complaints.Cluster.Tests;

/// <summary>
/// Case numbers across real host processes on PostgreSQL: graceful stops (SIGTERM) of cluster members and of the
/// whole cluster leave no gap; a SIGKILL leaves one, which the next start records and the audit list shows.
/// </summary>
public sealed class CaseNumberTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Complaints => $"/api/v1/tenants/{ClusterFixture.Tenant}/complaints";

    private static string Gaps => $"/api/v1/tenants/{ClusterFixture.Tenant}/numbers/gaps";

    [Fact]
    public async Task Graceful_stops_of_members_and_of_the_whole_cluster_leave_no_gap_and_a_kill_leaves_a_recorded_one()
    {
        var settings = new Dictionary<string, string>(fixture.Settings)
        {
            [$"Tenants__{ClusterFixture.Tenant}__Users__auditor__DisplayName"] = "审计",
            [$"Tenants__{ClusterFixture.Tenant}__Users__auditor__Role"] = "supervisor",
            [$"Tenants__{ClusterFixture.Tenant}__Users__auditor__PasswordHash"] = fixture.Settings[$"Tenants__{ClusterFixture.Tenant}__Users__tester__PasswordHash"],
        };
        HostProcess[] hosts = [BuiltHost.Start("numbers-1", settings), BuiltHost.Start("numbers-2", settings)];
        try
        {
            await Task.WhenAll(hosts.Select(h => h.WaitHealthyAsync(Patience)));
            var numbers = new List<string>();

            // Numbers through both members; then each member in turn stops gracefully while the other takes intake.
            numbers.AddRange(await RegisterAsync(hosts[0], 3));
            numbers.AddRange(await RegisterAsync(hosts[1], 3));
            await hosts[0].StopAsync();
            numbers.AddRange(await RegisterAsync(hosts[1], 3));
            await hosts[0].StartAsync(Patience);
            await hosts[1].StopAsync();
            numbers.AddRange(await RegisterAsync(hosts[0], 3));

            // The whole cluster stops and starts.
            await hosts[0].StopAsync();
            await hosts[0].StartAsync(Patience);
            numbers.AddRange(await RegisterAsync(hosts[0], 3));

            var sequences = numbers.Select(Sequence).ToList();
            sequences.ShouldBe(Enumerable.Range(1, sequences.Count), $"numbers given: {string.Join(", ", numbers)}\n{hosts[0].Output()}");
            var auditor = await hosts[0].LoginAsync($"auditor@{ClusterFixture.Tenant}", ClusterFixture.Password);
            (await auditor.GetFromJsonAsync<JsonArray>(Gaps, Cancellation))!.ShouldBeEmpty();

            // A crash: the numbers reserved and not used are found at the next start and recorded, never given again.
            hosts[0].Kill();
            await hosts[0].StartAsync(Patience);
            auditor = await hosts[0].LoginAsync($"auditor@{ClusterFixture.Tenant}", ClusterFixture.Password);
            JsonArray gaps = [];
            var deadline = DateTime.UtcNow + Patience;
            while ((gaps = (await auditor.GetFromJsonAsync<JsonArray>(Gaps, Cancellation))!).Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, Cancellation); // the start-up recovery runs just after the host answers
            }

            var gap = gaps.ShouldHaveSingleItem()!;
            gap.Str("reason").ShouldBe("holder-stopped");
            Sequence(gap.Str("first")).ShouldBe(sequences.Count + 1);
            var after = Sequence((await RegisterAsync(hosts[0], 1))[0]);
            after.ShouldBe(Sequence(gap.Str("last")) + 1, "the next number follows the gap: every number is a case or recorded");
            gap["count"]!.GetValue<long>().ShouldBe(after - sequences.Count - 1);
        }
        finally
        {
            await Task.WhenAll(hosts.Select(h => h.DisposeAsync().AsTask()));
        }
    }

    private static async Task<List<string>> RegisterAsync(HostProcess host, int count)
    {
        var client = await host.LoginAsync(ClusterFixture.User, ClusterFixture.Password);
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var created = await client.PostAsJsonAsync(
                Complaints,
                new { channel = "hotline", kind = "complaint", content = "燃气表读数不对", externalId = "call-" + Guid.NewGuid().ToString("N") },
                Cancellation).ExpectAsync(HttpStatusCode.Created);
            numbers.Add(created.Str("number"));
        }

        return numbers;
    }

    private static int Sequence(string number) => int.Parse(number[(number.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
}
