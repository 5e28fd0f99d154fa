using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.Gov12345.Tests;

/// <summary>A city's field names come from configuration; the platform's time limit becomes the external deadline.</summary>
public sealed class Gov12345MappingTests
{
    private static Gov12345Settings Settings(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return Gov12345Settings.LoadAll(configuration)["city"];
    }

    [Fact]
    public void The_default_names_map_a_typical_order()
    {
        var settings = Settings(new() { ["Tenants:city:Channels:gov-12345:Category"] = "gov-transfer" });
        var order = JsonNode.Parse("""
            {"gdbh":"12345-20260501-0007","sqnr":"自来水发黄","processlimited":"2026-05-04 17:30:00","jjcd":"紧急",
             "sqdz":"方洋路1号","lxdh":"13800001234","sqr":"王女士","pdsj":"2026-05-01 09:15:00"}
            """)!.AsObject();

        var (submission, problem) = Gov12345OrderMapper.Map(settings, order);

        problem.ShouldBeNull();
        submission.ShouldNotBeNull();
        submission.ShouldSatisfyAllConditions(
            () => submission.Channel.ShouldBe("gov-12345"),
            () => submission.ExternalId.ShouldBe("12345-20260501-0007"),
            () => submission.ReplyTo.ShouldBe("12345-20260501-0007"),
            () => submission.Content.ShouldBe("[紧急] 自来水发黄"),
            () => submission.ExternalDeadline.ShouldBe(DateTimeOffset.Parse("2026-05-04T17:30:00+08:00", System.Globalization.CultureInfo.InvariantCulture)),
            () => submission.ReceivedAt.ShouldBe(DateTimeOffset.Parse("2026-05-01T09:15:00+08:00", System.Globalization.CultureInfo.InvariantCulture)),
            () => submission.Address.ShouldBe("方洋路1号"),
            () => submission.Phone.ShouldBe("13800001234"),
            () => submission.ComplainantName.ShouldBe("王女士"),
            () => submission.Category.ShouldBe("gov-transfer"));
    }

    [Fact]
    public void Another_citys_names_are_read_from_the_fields_map()
    {
        var settings = Settings(new()
        {
            ["Tenants:city:Channels:gov-12345:Fields:Number"] = "workordercode",
            ["Tenants:city:Channels:gov-12345:Fields:Content"] = "content",
            ["Tenants:city:Channels:gov-12345:Fields:Deadline"] = "timelimit",
            ["Tenants:city:Channels:gov-12345:Fields:Urgency"] = "urgent",
        });
        var order = JsonNode.Parse("""{"workordercode":20260501008,"content":"水压低","timelimit":"2026-05-02T12:00:00Z","urgent":"特急","gdbh":"ignored"}""")!.AsObject();

        var (submission, _) = Gov12345OrderMapper.Map(settings, order);

        submission.ShouldNotBeNull();
        submission.ExternalId.ShouldBe("20260501008");
        submission.Content.ShouldBe("[特急] 水压低");
        submission.ExternalDeadline.ShouldBe(new DateTimeOffset(2026, 5, 2, 12, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("""{"sqnr":"无编号"}""", "gdbh")]
    [InlineData("""{"gdbh":"1","sqnr":"  "}""", "sqnr")]
    [InlineData("""{"gdbh":"1","sqnr":"x","processlimited":"下周"}""", "processlimited")]
    public void An_order_without_a_number_content_or_readable_deadline_is_refused(string json, string field)
    {
        var (submission, problem) = Gov12345OrderMapper.Map(Settings(new() { ["Tenants:city:Channels:gov-12345:Enabled"] = "true" }), JsonNode.Parse(json)!.AsObject());

        submission.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(field);
    }

    [Fact]
    public void An_unknown_field_name_in_the_map_stops_the_plugin_with_the_setting_named() =>
        Should.Throw<InvalidOperationException>(() => Settings(new() { ["Tenants:city:Channels:gov-12345:Fields:Deadlien"] = "x" }))
            .Message.ShouldContain("Tenants:city:Channels:gov-12345:Fields:Deadlien");
}
