using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>
/// Case numbers without gaps (seed 002: 统一编号) through the real host: across a normal stop and start and an idle
/// deactivation the next case gets the next number; the audit list of gaps is empty and only for supervisors and admins.
/// </summary>
public sealed class CaseNumberTests
{
    [Fact]
    public async Task Numbers_run_on_without_a_gap_across_a_restart_and_an_idle_deactivation()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var desk = new Desk(platform);
        List<string> numbers = [(await desk.RegisterAsync()).Str("number"), (await desk.RegisterAsync()).Str("number")];

        await platform.RestartAsync();
        numbers.Add((await desk.RegisterAsync()).Str("number"));

        await (await platform.LoginAsync("operator")).PostAsync("/api/v1/admin/diagnostics/memory?deactivateIdleSeconds=0", null).ExpectAsync(HttpStatusCode.OK);
        numbers.Add((await desk.RegisterAsync()).Str("number"));

        var sequences = numbers.Select(Sequence).ToList();
        sequences.ShouldBe(Enumerable.Range(sequences[0], 4), $"numbers given: {string.Join(", ", numbers)}");

        var gaps = $"/api/v1/tenants/{desk.Tenant}/numbers/gaps";
        var supervisor = await desk.As("supervisor");
        (await supervisor.GetFromJsonAsync<JsonArray>(gaps, TestContext.Current.CancellationToken))!.ShouldBeEmpty();
        var admin = await platform.LoginAsync("admin");
        (await admin.GetAsync(gaps, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await desk.As("agent")).GetAsync(gaps, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static int Sequence(string number) => int.Parse(number[(number.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);
}
