using System.Net;

namespace Complaints.Api.Tests;

/// <summary>The administrator's memory figures (used by the benchmark): admin only, numbers that make sense.</summary>
public sealed class DiagnosticsTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Memory = "/api/v1/admin/diagnostics/memory";

    [Fact]
    public async Task An_administrator_gets_the_heap_resident_memory_and_activations_after_a_full_collection()
    {
        var desk = new Desk(fixture.Platform);
        await desk.RegisterAsync();
        var admin = await fixture.Platform.LoginAsync("admin");

        var report = await admin.PostAsync($"{Memory}?deactivateIdleSeconds=0", null).ExpectAsync(HttpStatusCode.OK);

        report["managedHeapBytes"]!.GetValue<long>().ShouldBeGreaterThan(0);
        report["workingSetBytes"]!.GetValue<long>().ShouldBeGreaterThan(report["managedHeapBytes"]!.GetValue<long>());
        report["activations"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
        report["processors"]!.GetValue<int>().ShouldBe(Environment.ProcessorCount);
    }

    [Fact]
    public async Task Anyone_else_is_refused_and_bad_input_names_the_field()
    {
        var agent = await fixture.Platform.LoginAsync("agent");
        (await agent.PostAsync(Memory, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Platform.Anonymous().PostAsync(Memory, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var admin = await fixture.Platform.LoginAsync("admin");
        var bad = await admin.PostAsync($"{Memory}?deactivateIdleSeconds=-1", null).ExpectAsync(HttpStatusCode.BadRequest);
        bad["errors"]!["deactivateIdleSeconds"].ShouldNotBeNull();
    }
}
