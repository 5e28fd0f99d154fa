namespace Complaints.Architecture.Tests;

/// <summary>No text of the repository points outside it: a person who clones it can follow every link.</summary>
public sealed class RepositoryLinkTests
{
    private static readonly HashSet<string> Sample = ["README.md", "docs", "docs/api.md", "docs/domain.md", "docs/channels", "docs/channels/wechat.md", "modules", "modules/Api", "modules/Api/ApiModule.cs"];

    [Fact]
    public void No_tracked_text_file_links_or_points_outside_the_repository()
    {
        var root = Rules.RepositoryRoot;
        var paths = RepositoryLinks.RepositoryPaths(root);
        var files = RepositoryLinks.TrackedTextFiles(root);
        files.ShouldContain("README.md");
        files.ShouldContain("docs/domain.md");

        var violations = files.SelectMany(f => RepositoryLinks.Violations(f, File.ReadAllText(Path.Combine(root, f)), paths)).ToList();

        violations.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("README.md", "The target picture is `../shared/docs/ARCHITECTURE.md` beside the project.")]
    [InlineData("modules/Api/ApiModule.cs", "/// <summary>The lifecycle (shared/docs/DOMAIN.md §3).</summary>")]
    [InlineData("docs/api.md", "See [the rules](../../shared/docs/DOMAIN.md).")]
    [InlineData("docs/api.md", "See [the rules](domain-rules.md#clocks).")]
    [InlineData("docs/api.md", "See [the host](../host/Missing.cs).")]
    [InlineData("docs/api.md", "See [the parent](../../outside.txt).")]
    [InlineData("docs/api.md", "See [a file](/etc/hosts).")]
    [InlineData("modules/Api/ApiModule.cs", "// the action table of API.md")]
    [InlineData("modules/Api/ApiModule.cs", "// see docs/CHANNELS.md §3")]
    [InlineData("build.cake", "var output = \"/work/main/artifacts\";")]
    [InlineData("Directory.Build.props", "<Output>/home/dev/complaints/out</Output>")]
    [InlineData("docs/channels/wechat.md", "Run it from C:\\Users\\dev\\src.")]
    [InlineData("host/appsettings.json", "{ \"DataDirectory\": \"/tmp/complaints\" }")]
    public void A_link_or_path_leaving_the_repository_is_found(string path, string text) =>
        RepositoryLinks.Violations(path, text, Sample).ShouldHaveSingleItem().ShouldStartWith($"{path}:1:");

    [Theory]
    [InlineData("README.md", "See [the API](docs/api.md), [WeChat](docs/channels/wechat.md#safe-mode) and [the docs](docs/).")]
    [InlineData("docs/channels/wechat.md", "Back to [the API](../api.md) or [the top](../../README.md); [below](#vectors).")]
    [InlineData("docs/api.md", "Published by [WeChat](https://developers.weixin.qq.com/doc/) and [mail](mailto:ops@example.com).")]
    [InlineData("modules/Api/ApiModule.cs", "/// <summary>The action table of docs/api.md; the rules of domain.md.</summary>")]
    [InlineData("modules/Api/ApiModule.cs", "var uri = new Uri(\"http://127.0.0.1:5090/api/v1/health\"); var rel = \"src/work/home\";")]
    public void Links_inside_the_repository_and_to_the_web_pass(string path, string text) =>
        RepositoryLinks.Violations(path, text, Sample).ShouldBeEmpty();
}
