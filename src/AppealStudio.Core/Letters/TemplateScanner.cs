using System.Text;
using System.Text.RegularExpressions;

namespace AppealStudio.Core.Letters;

/// <summary>A value placeholder in a template body: <c>{{claim.payerClaimNumber}}</c>.</summary>
/// <param name="Path">Dotted path ("claim.payerClaimNumber").</param>
/// <param name="Index">Offset of the opening braces in the body.</param>
/// <param name="Length">Length of the whole expression, braces included.</param>
/// <param name="Raw">Written with triple braces (not escaped).</param>
internal readonly record struct Placeholder(string Path, int Index, int Length, bool Raw);

/// <summary>
/// Finds the value placeholders of a Handlebars template that read from the letter model itself: simple paths
/// outside <c>#each</c>/<c>#with</c> blocks (inside those, paths are relative to the loop item). Conditions of
/// <c>#if</c>/<c>#unless</c> are not placeholders: a missing value there just takes the other branch.
/// </summary>
internal static partial class TemplateScanner
{
    public static IReadOnlyList<Placeholder> Placeholders(string body)
    {
        var result = new List<Placeholder>();
        var scoped = 0;
        var stack = new Stack<bool>();
        foreach (Match m in Token().Matches(body))
        {
            if (m.Groups["comment"].Success)
            {
                continue;
            }

            var kind = m.Groups["kind"].Value;
            var content = m.Groups["body"].Value.Trim();
            var name = content.Split(' ', 2)[0];
            switch (kind)
            {
                case "#" or "^":
                    var isScope = name is "each" or "with";
                    stack.Push(isScope);
                    scoped += isScope ? 1 : 0;
                    continue;
                case "/":
                    if (stack.Count > 0 && stack.Pop())
                    {
                        scoped--;
                    }

                    continue;
                case ">":
                    continue;
                default:
                    break;
            }

            if (scoped > 0 || content == "else" || !SimplePath().IsMatch(content))
            {
                continue;
            }

            result.Add(new Placeholder(content, m.Index, m.Length, m.Groups["triple"].Success));
        }

        return result;
    }

    /// <summary>The body with each placeholder replaced by what <paramref name="replace"/> returns (null keeps it).</summary>
    public static string Rewrite(string body, Func<Placeholder, string?> replace)
    {
        var sb = new StringBuilder(body.Length);
        var at = 0;
        foreach (var placeholder in Placeholders(body))
        {
            var replacement = replace(placeholder);
            if (replacement is null)
            {
                continue;
            }

            sb.Append(body, at, placeholder.Index - at).Append(replacement);
            at = placeholder.Index + placeholder.Length;
        }

        return sb.Append(body, at, body.Length - at).ToString();
    }

    [GeneratedRegex(@"(?<comment>\{\{!--[\s\S]*?--\}\}|\{\{![^}]*\}\})|(?<triple>\{\{\{~?\s*(?<body>[^}]*?)\s*~?\}\}\})|\{\{~?\s*(?<kind>[#/^>&]?)\s*(?<body>[^}]*?)\s*~?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SimplePath();
}
