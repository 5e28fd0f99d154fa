using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>Channel plugins loaded from their built files by the real host, both directions of a channel, and broken plugins.</summary>
public sealed class ChannelPluginTests
{
    [Fact]
    public async Task A_plugin_dropped_in_the_plugins_folder_takes_complaints_and_gets_the_replies()
    {
        await using var platform = await PlatformInstance.StartAsync(null, "--Tenants:fangyang-water:Channels:example:Enabled", "true");
        var anonymous = platform.Anonymous();
        var desk = new Desk(platform);

        var channels = await (await platform.LoginAsync("operator")).GetFromJsonAsync<JsonArray>("/api/v1/channels");
        var example = channels!.Single(c => c!["id"]!.GetValue<string>() == "example")!;
        example.Str("status").ShouldBe("loaded");
        example["version"].ShouldNotBeNull();
        example["tenants"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["fangyang-water"]);
        (await (await platform.LoginAsync("agent")).GetAsync("/api/v1/channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await platform.LoginAsync("admin")).GetAsync("/api/v1/channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var message = new { id = "m-" + Guid.NewGuid(), text = "小区停水三天了", from = "user-openid-1" };
        var created = await anonymous.PostAsJsonAsync("/channels/example/fangyang-water/messages", message).ExpectAsync(HttpStatusCode.Created);
        var number = created.Str("number");
        (await anonymous.PostAsJsonAsync("/channels/example/fangyang-water/messages", message).ExpectAsync(HttpStatusCode.OK)).Str("number").ShouldBe(number);
        (await anonymous.PostAsJsonAsync("/channels/example/fuyang-gas/messages", message)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.PostAsJsonAsync("/channels/example/fangyang-water/messages", new { id = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var registered = await desk.GetAsync(number);
        registered.Str("channel").ShouldBe("example");
        registered.Str("externalId").ShouldBe(message.id);
        registered["history"]!.AsArray()[0]!.Str("actor").ShouldBe("channel:example");
        registered.Str("owner").ShouldBe("channel:example"); // no person has taken it up yet

        // First-contact ownership (首问负责): the first desk person who takes a channel's item up owns it.
        (await desk.ActAsync(number, "accept", new { category = "general" }, "agent")).Str("owner").ShouldBe("agent@fangyang-water");
        await desk.ActAsync(number, "dispatch", new { department = "customer-service" }, "agent");
        await desk.ActAsync(number, "sign", null, "customer-service");
        await desk.ActAsync(number, "report-result", new { result = "已恢复供水" }, "customer-service");

        var replies = await Eventually.Async(async () =>
        {
            var list = await anonymous.GetFromJsonAsync<JsonArray>("/channels/example/fangyang-water/replies");
            var mine = list!.Where(r => r!["number"]!.GetValue<string>() == number).ToList();
            return mine.Any(r => r!["moment"]!.GetValue<string>() == "result-reported") ? mine : null;
        });
        replies.Select(r => r!.Str("moment")).ShouldBe(["accepted", "signed", "result-reported"]);
        replies.ShouldAllBe(r => r!["replyTo"]!.GetValue<string>() == "user-openid-1");
        replies[0]!.Str("text").ShouldContain(number);
        replies[2]!.Str("text").ShouldContain("已恢复供水");
        replies.Select(r => r!.Str("id")).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task Broken_plugins_are_reported_and_stop_neither_the_others_nor_the_host()
    {
        var plugins = Directory.CreateTempSubdirectory("complaints-plugins-").FullName;
        try
        {
            CopyFolder(Path.Combine(PlatformInstance.BuiltPlugins, "Complaints.Channels.Example"), Path.Combine(plugins, "Complaints.Channels.Example"));
            Directory.CreateDirectory(Path.Combine(plugins, "Garbage"));
            await File.WriteAllBytesAsync(Path.Combine(plugins, "Garbage", "Garbage.dll"), [0x4d, 0x5a, 1, 2, 3, 4, 5]);
            Directory.CreateDirectory(Path.Combine(plugins, "Empty"));
            CopyFolder(Path.Combine(PlatformInstance.BuiltPlugins, "Complaints.Channels.Example"), Path.Combine(plugins, "WithOrleans"));
            File.Move(Path.Combine(plugins, "WithOrleans", "Complaints.Channels.Example.dll"), Path.Combine(plugins, "WithOrleans", "WithOrleans.dll"));
            await File.WriteAllTextAsync(Path.Combine(plugins, "WithOrleans", "Orleans.Core.dll"), "not really");

            await using var platform = await PlatformInstance.StartAsync(null, "--Plugins:Directory", plugins);
            (await platform.Anonymous().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var channels = (await (await platform.LoginAsync("operator")).GetFromJsonAsync<JsonArray>("/api/v1/channels"))!;
            Status(channels, "Complaints.Channels.Example", "example").Str("status").ShouldBe("loaded");
            Status(channels, "Garbage", null).Str("status").ShouldBe("failed");
            Status(channels, "Garbage", null).Str("error").ShouldContain("BadImageFormat");
            Status(channels, "Empty", null).Str("error").ShouldContain("No Empty.dll");
            Status(channels, "WithOrleans", null).Str("error").ShouldContain("Orleans");
            channels.Count.ShouldBe(4);
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    private static JsonNode Status(JsonArray channels, string folder, string? id) =>
        channels.Single(c => c!["id"]!.GetValue<string>() == (id ?? folder))!;

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
