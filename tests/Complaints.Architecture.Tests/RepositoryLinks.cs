using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Complaints.Architecture.Tests;

/// <summary>
/// The repository stands alone: no text in it points to a file a person who clones it does not have. A pure check
/// over (path, text) pairs plus the set of paths the repository holds, so a test can feed it bad samples.
/// </summary>
public static partial class RepositoryLinks
{
    /// <summary>The kinds of tracked files whose text is checked.</summary>
    public static readonly string[] CheckedExtensions = [".md", ".cs", ".json", ".cake", ".props", ".targets", ".csproj"];

    /// <summary>
    /// The violations in one file. <paramref name="path"/> is relative to the repository root with '/' separators;
    /// <paramref name="repositoryPaths"/> holds every file and folder of the repository in the same form.
    /// </summary>
    public static IReadOnlyList<string> Violations(string path, string text, IReadOnlySet<string> repositoryPaths)
    {
        var violations = new List<string>();
        var directory = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var where = $"{path}:{i + 1}";
            foreach (Match m in SharedFolder().Matches(line))
            {
                violations.Add($"{where}: '{m.Value}' points to a folder beside the repository");
            }

            foreach (Match m in MachinePath().Matches(line))
            {
                violations.Add($"{where}: '{m.Value.Trim()}' is a path of one machine");
            }

            if (path.EndsWith(".md", StringComparison.Ordinal))
            {
                foreach (Match m in MarkdownLink().Matches(line))
                {
                    var target = m.Groups["target"].Value;
                    if (IsExternal(target))
                    {
                        continue;
                    }

                    var file = Uri.UnescapeDataString(target.Split('#')[0]);
                    if (file.Length > 0 && !Exists(Resolve(directory, file), repositoryPaths))
                    {
                        violations.Add($"{where}: the link '{target}' leads to nothing in the repository");
                    }
                }
            }

            foreach (Match m in MarkdownFileName().Matches(line))
            {
                var name = m.Value;
                if (!Mentionable(directory, name, repositoryPaths))
                {
                    violations.Add($"{where}: '{name}' names a document the repository does not hold");
                }
            }
        }

        return violations;
    }

    /// <summary>
    /// The utility rule books cited as "seed NNN" (their list, with whose rules each is, is in docs/domain.md). A list
    /// such as "seeds 002/003" names its first only: each book is also cited alone somewhere.
    /// </summary>
    public static IEnumerable<string> CitedSeeds(string text) =>
        SeedCitation().Matches(text).Select(m => m.Groups["seed"].Value);

    /// <summary>Every checked file of the repository: what git tracks or would add (the folder walk where git is unavailable).</summary>
    public static IReadOnlyList<string> TrackedTextFiles(string root) =>
        [.. Tracked(root).Where(p => CheckedExtensions.Any(e => p.EndsWith(e, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Every file of the repository and every folder above one, relative and with '/' separators.</summary>
    public static IReadOnlySet<string> RepositoryPaths(string root)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Tracked(root))
        {
            paths.Add(file);
            for (var dir = Path.GetDirectoryName(file); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                paths.Add(dir.Replace('\\', '/'));
            }
        }

        return paths;
    }

    private static bool Exists(string? resolved, IReadOnlySet<string> repositoryPaths) =>
        resolved is not null && (resolved.Length == 0 || repositoryPaths.Contains(resolved.TrimEnd('/')));

    private static bool IsExternal(string target) =>
        target.StartsWith('#') || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal);

    /// <summary>A relative target resolved against the linking file's folder; null when it climbs out of the repository.</summary>
    private static string? Resolve(string directory, string target)
    {
        if (target.StartsWith('/'))
        {
            return null;
        }

        var parts = new List<string>(directory.Length == 0 ? [] : directory.Split('/'));
        foreach (var part in target.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>
    /// A document named in prose or a comment (<c>docs/api.md</c>, <c>README.md</c>) must be one the repository holds:
    /// by its path from the naming file or from the root, or, for a bare file name, by that name anywhere.
    /// </summary>
    /// <remarks>
    /// Build outputs (<c>artifacts/…</c>) and lower-case bare names (<c>report.md</c>, a file a tool writes) are not
    /// documents of the repository and pass; an upper-case bare name is a document (like the root README) and must exist.
    /// </remarks>
    private static bool Mentionable(string directory, string name, IReadOnlySet<string> repositoryPaths)
    {
        if (name.StartsWith("artifacts/", StringComparison.Ordinal))
        {
            return true;
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            return Exists(Resolve(directory, name), repositoryPaths) || Exists(Resolve("", name), repositoryPaths);
        }

        return !char.IsAsciiLetterUpper(name[0]) || repositoryPaths.Any(p => p == name || p.EndsWith("/" + name, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Tracked(string root)
    {
        if (GitLsFiles(root) is { } files)
        {
            return files;
        }

        string[] skipped = ["bin", "obj", "artifacts", "TestResults", "node_modules"];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part.StartsWith('.') || skipped.Contains(part)));
    }

    private static List<string>? GitLsFiles(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(root, f)))] : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    /// <summary>The sibling folder of business sources the project was written from, in any spelling.</summary>
    [GeneratedRegex(@"\.\./shared\b|(?<![\w-])shared/(docs|seeds)\b")]
    private static partial Regex SharedFolder();

    [GeneratedRegex(@"\b[Ss]eeds? (?<seed>[0-9]{3})\b")]
    private static partial Regex SeedCitation();

    /// <summary>Absolute paths of a developer's or build machine's disk.</summary>
    [GeneratedRegex(@"(?<![\w.:/~-])(/(work|home|Users|mnt|root|tmp|var/folders)/[\w.-]+|[A-Za-z]:\\\\?(Users|work|src|repos)\\)")]
    private static partial Regex MachinePath();

    /// <summary><c>[text](target)</c>, images included; the target ends at a space (a title) or the closing bracket.</summary>
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    /// <summary>A markdown document's name, with or without a folder.</summary>
    [GeneratedRegex(@"(?<![\w/.-])(\.\./|\./)?([\w-]+/)*[\w-]+\.md\b")]
    private static partial Regex MarkdownFileName();
}
