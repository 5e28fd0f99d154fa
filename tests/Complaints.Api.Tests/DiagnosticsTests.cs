using System.Net;

namespace Complaints.Api.Tests;

/// <summary>The platform operator's memory figures (used by the benchmark): operator only, numbers that make sense.</summary>
public sealed class DiagnosticsTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Memory = "/api/v1/admin/diagnostics/memory";

    [Fact]
    public async Task The_platform_operator_gets_the_heap_resident_memory_and_activations_after_a_full_collection()
    {
        var desk = new Desk(fixture.Platform);
        await desk.RegisterAsync();
        var platformOperator = await fixture.Platform.LoginAsync("operator");

        var report = await platformOperator.PostAsync($"{Memory}?deactivateIdleSeconds=0", null).ExpectAsync(HttpStatusCode.OK);

        report["managedHeapBytes"]!.GetValue<long>().ShouldBeGreaterThan(0);
        report["workingSetBytes"]!.GetValue<long>().ShouldBeGreaterThan(0);

        // Both from the same collection. (Not the working set against the heap: the test host shares its process with
        // the other test classes' hosts, which allocate between the two readings.)
        report["gcCommittedBytes"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(report["gcHeapSizeBytes"]!.GetValue<long>());
        report["gcHeapSizeBytes"]!.GetValue<long>().ShouldBeGreaterThan(0);
        report["activations"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
        report["processors"]!.GetValue<int>().ShouldBe(Environment.ProcessorCount);
    }

    [Fact]
    public async Task Anyone_else_is_refused_and_bad_input_names_the_field()
    {
        var agent = await fixture.Platform.LoginAsync("agent");
        (await agent.PostAsync(Memory, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Platform.Anonymous().PostAsync(Memory, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // A tenant's administrator may not collect and deactivate every tenant's cases.
        (await (await fixture.Platform.LoginAsync("admin@fuyang-gas")).PostAsync(Memory, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var platformOperator = await fixture.Platform.LoginAsync("operator");
        var bad = await platformOperator.PostAsync($"{Memory}?deactivateIdleSeconds=-1", null).ExpectAsync(HttpStatusCode.BadRequest);
        bad["errors"]!["deactivateIdleSeconds"].ShouldNotBeNull();
    }
}
