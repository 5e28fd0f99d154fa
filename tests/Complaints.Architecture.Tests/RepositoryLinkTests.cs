namespace Complaints.Architecture.Tests;

/// <summary>No text of the repository points outside it: a person who clones it can follow every link.</summary>
public sealed class RepositoryLinkTests
{
    private static readonly HashSet<string> Sample =
        ["README.md", "docs", "docs/api.md", "docs/domain.md", "docs/channels", "docs/channels/wechat.md", "modules", "modules/Api", "modules/Api/ApiModule.cs"];

    /// <summary>The samples are in .txt fixtures (a kind the check skips), one "path TAB text" a line.</summary>
    public static TheoryData<string, string> Leaving => Samples("links-leaving-the-repository.txt");

    public static TheoryData<string, string> Inside => Samples("links-inside-the-repository.txt");

    [Fact]
    public void No_tracked_text_file_links_or_points_outside_the_repository()
    {
        var root = Rules.RepositoryRoot;
        var paths = RepositoryLinks.RepositoryPaths(root);
        var files = RepositoryLinks.TrackedTextFiles(root);
        files.ShouldContain("README.md");
        files.ShouldContain("docs/domain.md");
        files.ShouldContain("modules/Cases/CaseDecider.cs");

        var violations = files.SelectMany(f => RepositoryLinks.Violations(f, File.ReadAllText(Path.Combine(root, f)), paths)).ToList();

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Every_seed_cited_is_a_utility_rule_book_named_in_the_domain_page()
    {
        var root = Rules.RepositoryRoot;
        var domain = File.ReadAllText(Path.Combine(root, "docs", "domain.md"));
        var cited = RepositoryLinks.TrackedTextFiles(root)
            .SelectMany(f => RepositoryLinks.CitedSeeds(File.ReadAllText(Path.Combine(root, f))))
            .ToHashSet();

        cited.ShouldContain("000");
        cited.Where(seed => !domain.Contains($"| seed {seed} |", StringComparison.Ordinal)).ShouldBeEmpty();
        RepositoryLinks.CitedSeeds("as in seeds 002/003 and seed 004 §4.2; Seed 001 §8").ShouldBe(["002", "004", "001"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Leaving))]
    public void A_link_or_path_leaving_the_repository_is_found(string path, string text)
    {
        var violations = RepositoryLinks.Violations(path, text, Sample);

        violations.ShouldNotBeEmpty();
        violations.ShouldAllBe(v => v.StartsWith(path + ":1:", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Inside))]
    public void Links_inside_the_repository_and_to_the_web_pass(string path, string text) =>
        RepositoryLinks.Violations(path, text, Sample).ShouldBeEmpty();

    private static TheoryData<string, string> Samples(string file)
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Rules.RepositoryRoot, "tests", "Complaints.Architecture.Tests", "Fixtures", file)).Where(l => l.Length > 0))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            // Absolute paths are written as {root} and {drive} so that no machine path stands in the repository itself.
            data.Add(line[..tab], line[(tab + 1)..].Replace("{root}", "/", StringComparison.Ordinal).Replace("{drive}", @"C:\", StringComparison.Ordinal));
        }

        return data;
    }
}
