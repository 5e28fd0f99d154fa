using System.Reflection;
using JiebaNet.Segmenter;

namespace Complaints.Reports.HotSpots;

/// <summary>
/// The terms of a complaint's content, segmented by jieba.NET with the utility's words kept whole
/// (<c>utility-words.txt</c>) and the words every complaint has left out (<c>stop-words.txt</c>).
/// <para>
/// jieba.NET reads its dictionary (<c>dict.txt</c>) and the two HMM tables (<c>prob_trans.json</c>,
/// <c>prob_emit.json</c>) as files from <c>ConfigManager.ConfigFileBaseDir</c>, by default <c>Resources</c> beside the
/// application; the package ships them at its root, not as content, so the Reports project copies them to
/// <c>jieba/</c> in the output of every project that references it (the host's bin, every test's bin). Its dictionary
/// is one static object for the process: loading and adding words are not safe beside cutting, cutting alone is. So
/// everything is loaded once, under <see cref="Lazy{T}"/>, before the first cut; after that the segmenter is only read.
/// A missing dictionary is not silently a worse segmentation (jieba.NET swallows the error): the load fails, saying where
/// it looked.
/// </para>
/// </summary>
public static class ContentTerms
{
    /// <summary>Where the dictionary files are, under the application's folder.</summary>
    public const string DictionaryFolder = "jieba";

    /// <summary>
    /// How often a utility word is taken to occur (jieba's dictionary counts: 水压 75, 压低 475, 水 24314, 低 15504): high enough
    /// that the word wins over a split in a sentence (水压低 → 水压/低, not 水/压低), as a user dictionary is meant to.
    /// </summary>
    public const int UtilityWordFrequency = 20000;

    private static readonly Lazy<JiebaSegmenter> Segmenter = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The utility's words (the user dictionary).</summary>
    public static IReadOnlyList<string> UtilityWords { get; } = [.. WordList("utility-words.txt").Select(l => l.Split(' ')[0])];

    public static IReadOnlySet<string> StopWords { get; } = WordList("stop-words.txt").ToHashSet(StringComparer.Ordinal);

    /// <summary>The words of <paramref name="content"/> in order, as jieba cuts them (without the HMM's guessed words).</summary>
    public static IReadOnlyList<string> Cut(string content) => [.. Segmenter.Value.Cut(content, cutAll: false, hmm: false)];

    /// <summary>The distinct terms of <paramref name="content"/> that can tell an issue: two characters or more, a Chinese one among them, not a stop word.</summary>
    public static IReadOnlySet<string> TermsOf(string content) =>
        Cut(content).Where(IsTerm).ToHashSet(StringComparer.Ordinal);

    public static bool IsTerm(string word) =>
        word.Length >= 2 && word.Any(c => c is >= '\u4e00' and <= '\u9fff') && !StopWords.Contains(word);

    private static JiebaSegmenter Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, DictionaryFolder);
        var dictionary = Path.Combine(folder, "dict.txt");
        if (!File.Exists(dictionary))
        {
            throw new InvalidOperationException($"jieba.NET's dictionary is missing: '{dictionary}' (the Reports project copies it from the jieba.NET package).");
        }

        ConfigManager.ConfigFileBaseDir = folder;
        var segmenter = new JiebaSegmenter();
        if (WordDictionary.Instance.Total <= 0)
        {
            throw new InvalidOperationException($"jieba.NET read no word from '{dictionary}'.");
        }

        foreach (var line in WordList("utility-words.txt"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            segmenter.AddWord(parts[0], parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : UtilityWordFrequency);
        }

        return segmenter;
    }

    /// <summary>The lines of an embedded word list, without notes and blank lines.</summary>
    private static IEnumerable<string> WordList(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Complaints.Reports.HotSpots." + name)
            ?? throw new InvalidOperationException($"The word list '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
