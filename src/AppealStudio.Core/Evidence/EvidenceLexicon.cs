using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AppealStudio.Core.Evidence;

/// <summary>One kind of fact the ranker looks for ("distinct_site"), with the patterns that find it.</summary>
/// <param name="Label">Machine label; also the name used in templates' evidence slots.</param>
/// <param name="Description">Human description shown beside a highlighted excerpt.</param>
/// <param name="Weight">How much the fact counts towards a passage's score (1-3 in the built-in lexicon).</param>
/// <param name="Negatable">Whether a preceding negation ("denies", "no history of") cancels a match.</param>
/// <param name="Patterns">Compiled patterns (case-insensitive, culture-invariant).</param>
public sealed record EvidenceFact(string Label, string Description, double Weight, bool Negatable, IReadOnlyList<Regex> Patterns);

/// <summary>A scenario or root cause and the facts that support an appeal for it.</summary>
/// <param name="Name">Canonical name ("modifier-59", "medical-necessity").</param>
/// <param name="Description">What the topic is about.</param>
/// <param name="Aliases">Other names that resolve to it (root-cause spellings).</param>
/// <param name="Facts">Own facts followed by included topics' facts (an own fact wins on a label clash).</param>
/// <param name="DerivesDuration">Whether start/stop times in one passage yield a computed "duration N min" fact.</param>
public sealed record EvidenceTopic(string Name, string Description, IReadOnlyList<string> Aliases, IReadOnlyList<EvidenceFact> Facts, bool DerivesDuration);

/// <summary>A scenario or root cause name that no topic answers to.</summary>
public sealed class UnknownEvidenceTopicException : Exception
{
    public UnknownEvidenceTopicException()
    {
    }

    public UnknownEvidenceTopicException(string message)
        : base(message)
    {
    }

    public UnknownEvidenceTopicException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownEvidenceTopicException(string name, IReadOnlyList<string> validNames)
        : base($"Unknown scenario or root cause '{name}'. Valid names: {string.Join(", ", validNames)}.")
    {
        Name = name;
        ValidNames = validNames;
    }

    public string? Name { get; }

    public IReadOnlyList<string> ValidNames { get; } = [];
}

/// <summary>A lexicon that cannot be loaded (bad YAML, bad pattern, unknown include).</summary>
public sealed class EvidenceLexiconException : Exception
{
    public EvidenceLexiconException()
    {
    }

    public EvidenceLexiconException(string message)
        : base(message)
    {
    }

    public EvidenceLexiconException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The fact patterns per scenario and root cause, as data: the built-in lexicon is YAML (<see cref="Default"/>),
/// and a practice can load its own with <see cref="FromYaml"/> without a code change.
/// </summary>
public sealed partial class EvidenceLexicon
{
    private static readonly Lazy<EvidenceLexicon> DefaultLexicon = new(() => FromYaml(DefaultYaml));
    private readonly Dictionary<string, EvidenceTopic> byName;

    private EvidenceLexicon(IReadOnlyList<EvidenceTopic> topics)
    {
        Topics = topics;
        byName = new Dictionary<string, EvidenceTopic>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            foreach (var name in topic.Aliases.Prepend(topic.Name))
            {
                if (!byName.TryAdd(NormalizeName(name), topic))
                {
                    throw new EvidenceLexiconException($"The name '{name}' is used by more than one evidence topic.");
                }
            }
        }
    }

    public static EvidenceLexicon Default => DefaultLexicon.Value;

    public IReadOnlyList<EvidenceTopic> Topics { get; }

    /// <summary>Every name that resolves, canonical names and aliases, sorted.</summary>
    public IReadOnlyList<string> ValidNames => byName.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Names are compared lower-case with spaces, underscores and slashes read as hyphens, so "Coordination of
    /// benefits", "coordination_of_benefits" and "coordination-of-benefits" are the same topic.
    /// </summary>
    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hyphenated = NameSeparators().Replace(name.Trim().ToLowerInvariant(), "-");
        return hyphenated.Trim('-');
    }

    public bool TryResolve(string name, out EvidenceTopic topic) =>
        byName.TryGetValue(NormalizeName(name), out topic!);

    public EvidenceTopic Resolve(string name) =>
        TryResolve(name, out var topic) ? topic : throw new UnknownEvidenceTopicException(name, Topics.Select(t => t.Name).ToList());

    public static EvidenceLexicon FromYaml(string yaml)
    {
        LexiconDto dto;
        try
        {
            dto = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<LexiconDto>(yaml) ?? new LexiconDto();
        }
        catch (YamlException ex)
        {
            throw new EvidenceLexiconException($"The evidence lexicon is not valid YAML (line {ex.Start.Line}): {ex.Message}", ex);
        }

        var own = new Dictionary<string, TopicDto>(StringComparer.Ordinal);
        foreach (var topic in dto.Topics)
        {
            if (string.IsNullOrWhiteSpace(topic.Name))
            {
                throw new EvidenceLexiconException("An evidence topic has no name.");
            }

            if (!own.TryAdd(NormalizeName(topic.Name), topic))
            {
                throw new EvidenceLexiconException($"The evidence topic '{topic.Name}' is defined twice.");
            }
        }

        var compiled = own.Values.ToDictionary(t => NormalizeName(t.Name), t => t.Facts.Select(f => Compile(t.Name, f)).ToList(), StringComparer.Ordinal);
        var topics = new List<EvidenceTopic>();
        foreach (var topic in dto.Topics)
        {
            var facts = new List<EvidenceFact>(compiled[NormalizeName(topic.Name)]);
            foreach (var include in Closure(topic, own))
            {
                facts.AddRange(compiled[include].Where(f => facts.TrueForAll(x => x.Label != f.Label)));
            }

            var derives = topic.Derive.Contains("duration", StringComparer.Ordinal);
            topics.Add(new EvidenceTopic(NormalizeName(topic.Name), topic.Description ?? topic.Name, topic.Aliases, facts, derives));
        }

        return new EvidenceLexicon(topics);
    }

    private static List<string> Closure(TopicDto topic, Dictionary<string, TopicDto> all)
    {
        var seen = new List<string>();
        var pending = new Queue<string>(topic.Include.Select(NormalizeName));
        while (pending.TryDequeue(out var name))
        {
            if (name == NormalizeName(topic.Name) || seen.Contains(name))
            {
                continue;
            }

            if (!all.TryGetValue(name, out var included))
            {
                throw new EvidenceLexiconException($"The evidence topic '{topic.Name}' includes '{name}', which is not defined.");
            }

            seen.Add(name);
            foreach (var next in included.Include)
            {
                pending.Enqueue(NormalizeName(next));
            }
        }

        return seen;
    }

    private static EvidenceFact Compile(string topic, FactDto fact)
    {
        if (string.IsNullOrWhiteSpace(fact.Label) || fact.Patterns.Count == 0)
        {
            throw new EvidenceLexiconException($"A fact of topic '{topic}' has no label or no patterns.");
        }

        var patterns = new List<Regex>();
        foreach (var pattern in fact.Patterns)
        {
            try
            {
                patterns.Add(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (ArgumentException ex)
            {
                throw new EvidenceLexiconException($"Fact '{fact.Label}' of topic '{topic}' has an invalid pattern '{pattern}': {ex.Message}", ex);
            }
        }

        return new EvidenceFact(fact.Label, fact.Description ?? fact.Label, fact.Weight <= 0 ? 1 : fact.Weight, fact.Negatable, patterns);
    }

    [GeneratedRegex(@"[\s_/\\]+|-{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparators();

    // YamlDotNet needs settable properties; these shapes exist only to read the file.
    private sealed class LexiconDto
    {
        public List<TopicDto> Topics { get; set; } = [];
    }

    private sealed class TopicDto
    {
        public string Name { get; set; } = string.Empty;

        public string? Description { get; set; }

        public List<string> Aliases { get; set; } = [];

        public List<string> Include { get; set; } = [];

        public List<string> Derive { get; set; } = [];

        public List<FactDto> Facts { get; set; } = [];
    }

    private sealed class FactDto
    {
        public string Label { get; set; } = string.Empty;

        public string? Description { get; set; }

        public double Weight { get; set; } = 1;

        public bool Negatable { get; set; } = true;

        public List<string> Patterns { get; set; } = [];
    }
}
