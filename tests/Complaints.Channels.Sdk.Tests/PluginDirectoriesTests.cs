using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.Sdk.Tests;

/// <summary><c>Plugins:Directories</c> adds directories; the bundled one (<c>Plugins:Directory</c>) stays unless emptied.</summary>
public sealed class PluginDirectoriesTests
{
    private const string Host = "/opt/complaints";

    private static IReadOnlyList<string> Directories(params (string Key, string Value)[] settings) =>
        PluginCatalog.Directories(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(), Host);

    [Fact]
    public void Without_settings_the_bundled_directory_beside_the_host_is_searched() =>
        Directories().ShouldBe(["/opt/complaints/plugins"]);

    [Fact]
    public void Each_extra_directory_comes_after_the_bundled_one_in_its_order()
    {
        Directories(("Plugins:Directories:1", "/srv/b"), ("Plugins:Directories:0", "/srv/a"))
            .ShouldBe(["/opt/complaints/plugins", "/srv/a", "/srv/b"]);
    }

    [Fact]
    public void Plugins_directory_still_names_the_bundled_directory_and_a_relative_path_is_the_hosts()
    {
        Directories(("Plugins:Directory", "bundled"), ("Plugins:Directories:0", "/srv/a"))
            .ShouldBe(["/opt/complaints/bundled", "/srv/a"]);
    }

    [Fact]
    public void An_empty_bundled_directory_removes_it_and_a_directory_named_twice_is_searched_once()
    {
        Directories(("Plugins:Directory", ""), ("Plugins:Directories:0", "/srv/a"), ("Plugins:Directories:1", "/srv/a/"))
            .ShouldBe(["/srv/a"]);
    }
}
