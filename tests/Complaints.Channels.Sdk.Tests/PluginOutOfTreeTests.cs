using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Api.Tests;
using Complaints.Testing;

namespace Complaints.Channels.Sdk.Tests;

/// <summary>
/// What a utility's engineer does with docs/plugins.md alone: install the template pack from artifacts/packages into
/// a template hive of its own, make a plugin from it in a temporary folder OUTSIDE the repository, build and test it
/// against the packed contract (a local feed), publish it into an extra plugins directory, start the real host with
/// that directory beside the bundled one, submit a complaint through the new channel and find the case.
/// </summary>
public sealed class PluginOutOfTreeTests
{
    private const string Tenant = "fangyang-water";
    private const string ChannelId = "fangyang-mailbox";
    private const string Project = "Fangyang.Mailbox";

    /// <summary>The SDK version: the contract's, the template's default and the packages' (one value, ChannelSdkVersion).</summary>
    private static readonly string Version = typeof(IChannelPlugin).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    [Fact]
    public async Task A_plugin_made_from_the_template_outside_the_repository_registers_a_complaint_in_the_host()
    {
        var feed = await PackagesAsync();
        var work = Directory.CreateTempSubdirectory("complaints-sdk-").FullName;
        try
        {
            Path.GetRelativePath(Repository.Root, work).ShouldStartWith("..", customMessage: "the plugin must be made outside the repository");
            var hive = Path.Combine(work, "hive");
            var source = Path.Combine(work, "source");
            var plugins = Path.Combine(work, "plugins");

            // 1. The template pack into a hive of its own (the user's templates are left alone), then the plugin.
            await DotnetCommand.RunAsync(work, "new", "install", Path.Combine(feed, $"Complaints.Channels.Templates.{Version}.nupkg"), "--debug:custom-hive", hive);
            await DotnetCommand.RunAsync(work, "new", "complaints-channel", "-n", Project, "--channelId", ChannelId, "-o", source, "--debug:custom-hive", hive);
            File.ReadAllText(Path.Combine(source, "src", Project, $"{Project}.csproj")).ShouldContain("<TargetFramework>net10.0</TargetFramework>");

            // 2. Restore from the local feed and the machine's configured sources, into a packages folder of its own
            //    (a contract cached from an earlier pack must not stand in for this one); what the user's cache holds is
            //    read from there, not downloaded again.
            await File.WriteAllTextAsync(Path.Combine(source, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config>
                    <add key="globalPackagesFolder" value="{Path.Combine(work, "packages")}" />
                  </config>
                  <packageSources>
                    <add key="complaints-sdk" value="{feed}" />
                  </packageSources>
                  <fallbackPackageFolders>
                    <add key="user" value="{UserPackages()}" />
                  </fallbackPackageFolders>
                </configuration>
                """);

            // 3. The template's own test: builds the plugin and loads it as the host does.
            await DotnetCommand.RunAsync(source, "test", Path.Combine("tests", $"{Project}.Tests"));

            // 4. The plugin's folder, named after its assembly, in a plugins directory of the utility's.
            //    (The test above built it; docs/plugins.md publishes -c Release, here the build is reused.)
            await DotnetCommand.RunAsync(source, "publish", Path.Combine("src", Project), "-c", "Debug", "--no-build", "-o", Path.Combine(plugins, Project));
            File.Exists(Path.Combine(plugins, Project, $"{Project}.dll")).ShouldBeTrue();
            File.Exists(Path.Combine(plugins, Project, "Complaints.Channels.Abstractions.dll")).ShouldBeFalse();

            // The host registers the legacy code pages itself: no test or plugin of this process did before it started.
            Should.Throw<ArgumentException>(() => Encoding.GetEncoding("GBK"));

            // 5. The real host: the bundled plugins stay, the new directory comes beside them.
            await using var platform = await PlatformInstance.StartAsync(
                null,
                "--Plugins:Directories:0", plugins,
                $"--Tenants:{Tenant}:Channels:{ChannelId}:Enabled", "true");
            Encoding.GetEncoding("GBK").GetString([0xCD, 0xB6, 0xCB, 0xDF]).ShouldBe("投诉");

            var channels = (await (await platform.LoginAsync("operator")).GetFromJsonAsync<JsonArray>("/api/v1/channels", TestContext.Current.CancellationToken))!;
            var statuses = channels.ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
            statuses[ChannelId].ShouldBe("loaded");
            // Every bundled plugin folder is still searched: the extra directory came beside them.
            var bundled = Directory.GetDirectories(PlatformInstance.BuiltPlugins);
            bundled.ShouldNotBeEmpty();
            channels.Count.ShouldBe(bundled.Length + 1);

            // 6. A complaint through the new channel, and its case.
            var anonymous = platform.Anonymous();
            var message = new { id = "<" + new string('m', 150) + "@mail.fangyang.example>", text = "董事长您好：小区停水三天了", from = "reader@example.com" };
            var created = await anonymous.PostAsJsonAsync($"/channels/{ChannelId}/{Tenant}/messages", message, TestContext.Current.CancellationToken);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var number = (await created.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["number"]!.GetValue<string>();

            var agent = await platform.LoginAsync("agent");
            var complaint = (await agent.GetFromJsonAsync<JsonObject>($"/api/v1/tenants/{Tenant}/complaints/{number}", TestContext.Current.CancellationToken))!;
            complaint["channel"]!.GetValue<string>().ShouldBe(ChannelId);
            complaint["content"]!.GetValue<string>().ShouldBe(message.text);
            // The Message-ID-like id is longer than the intake's limit: the template's plugin hashed it (sha256: + 64 hex digits).
            complaint["externalId"]!.GetValue<string>().Length.ShouldBe(7 + 64);

            // The same message again finds the same case.
            var again = await anonymous.PostAsJsonAsync($"/channels/{ChannelId}/{Tenant}/messages", message, TestContext.Current.CancellationToken);
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await again.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["number"]!.GetValue<string>().ShouldBe(number);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void The_templates_default_contract_version_is_the_sdks()
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "templates", "Complaints.Channels.Templates", "content", "complaints-channel", ".template.config", "template.json")))!;

        template["symbols"]!["sdkVersion"]!["defaultValue"]!.GetValue<string>().ShouldBe(Version);
    }

    /// <summary>
    /// artifacts/packages as the Pack target left it; packed again here when a package is missing or older than its
    /// sources (a developer running this test alone after changing the contract or the template).
    /// </summary>
    private static async Task<string> PackagesAsync()
    {
        var feed = Path.Combine(Repository.Root, "artifacts", "packages");
        (string Package, string Folder, string Project)[] packs =
        [
            ("Complaints.Channels.Abstractions", Path.Combine(Repository.Root, "modules", "Channels.Abstractions"), "Complaints.Channels.Abstractions.csproj"),
            ("Complaints.Channels.Templates", Path.Combine(Repository.Root, "templates", "Complaints.Channels.Templates"), "Complaints.Channels.Templates.csproj"),
        ];
        foreach (var (package, folder, project) in packs)
        {
            var file = new FileInfo(Path.Combine(feed, $"{package}.{Version}.nupkg"));
            var newest = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Max(File.GetLastWriteTimeUtc);
            if (!file.Exists || file.LastWriteTimeUtc < newest)
            {
                await DotnetCommand.RunAsync(Repository.Root, "pack", Path.Combine(folder, project), "-c", "Release", "-o", feed);
            }
        }

        return feed;
    }

    private static string UserPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
