using System.Globalization;
using System.Text.Json;

namespace Complaints.Api;

/// <summary>
/// Finds a property given twice in the same object (<c>{"name":"a","name":"b"}</c>): which one wins differs between
/// readers (a proxy, a log, this API), so such a body is refused, naming the property as a path
/// (<c>complainant.name</c>, <c>days[2].date</c>). Names are compared as the API binds them: ignoring case.
/// </summary>
internal static class JsonDuplicates
{
    /// <summary>The path of the first repeated property, or null (also for malformed JSON: the deserializer names that).</summary>
    public static string? Find(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var open = new Stack<Container>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        open.Push(new Container(PathOfValue(open, ref property), new HashSet<string>(StringComparer.OrdinalIgnoreCase)));
                        break;
                    case JsonTokenType.StartArray:
                        open.Push(new Container(PathOfValue(open, ref property), null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        var container = open.Peek();
                        if (!container.Names!.Add(name))
                        {
                            return Join(container.Path, name);
                        }

                        property = name;
                        break;
                    default:
                        PathOfValue(open, ref property);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The path of the value just read; moves an array on to its next index.</summary>
    private static string PathOfValue(Stack<Container> open, ref string? property)
    {
        if (!open.TryPeek(out var container))
        {
            return "";
        }

        if (container.Names is not null)
        {
            var path = Join(container.Path, property ?? "");
            property = null;
            return path;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{container.Path}[{container.Index++}]");
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private sealed class Container(string path, HashSet<string>? names)
    {
        public string Path { get; } = path;

        /// <summary>An object's property names so far; null for an array.</summary>
        public HashSet<string>? Names { get; } = names;

        public int Index { get; set; }
    }
}
