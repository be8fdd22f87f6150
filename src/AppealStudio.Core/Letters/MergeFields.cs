using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AppealStudio.Core.Letters;

/// <summary>
/// Merge fields: the values of a letter that come from the practice's directories (practice profile, payer
/// directory, provider directory, the signer and the contact) and from the packet (date, enclosures). A draft keeps
/// them as <c>{{practice.name}}</c> tokens; they are resolved when the letter is shown, exported and signed, so a
/// profile or payer address saved after a letter was started fills that letter. The signed text has them resolved.
/// </summary>
public static partial class MergeFields
{
    /// <summary>Every merge path a template may use; anything else is filled when the letter is drafted.</summary>
    public static IReadOnlySet<string> Paths { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "letter.date", "letter.enclosures",
        "practice.name", "practice.address", "practice.phone", "practice.fax", "practice.npi", "practice.taxId",
        "payer.address", "payer.fax", "payer.phone", "payer.portal",
        "provider.name", "provider.credentials", "provider.npi", "provider.nameWithCredentials",
        "signer.name", "signer.credentials", "signer.npi", "signer.nameWithCredentials",
        "voice.subject", "voice.request", "voice.onBehalf",
        "contact.name", "contact.title", "contact.phone", "contact.email", "contact.line",
    };

    public static bool IsMergePath(string path) => Paths.Contains(path);

    /// <summary>The token a draft keeps for <paramref name="path"/>.</summary>
    public static string Token(string path) => "{{" + path + "}}";

    /// <summary>The merge paths a text still holds as tokens, in order of first appearance.</summary>
    public static IReadOnlyList<string> Find(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return MergeToken().Matches(markdown).Select(m => m.Groups[1].Value).Where(IsMergePath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The text with every merge token replaced by its value (already Markdown); a token without a value becomes a
    /// visible <c>[[MISSING: path]]</c> marker, which blocks export and signing. Unknown tokens are left as they are
    /// (the checks report them).
    /// </summary>
    public static string Resolve(string markdown, MergeValues values)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(values);
        var text = MergeToken().Replace(markdown, m =>
        {
            var path = m.Groups[1].Value;
            if (!IsMergePath(path))
            {
                return m.Value;
            }

            return values.Get(path) is { } value ? value : LetterFiller.Marker(path);
        });
        return Citations.TidySpaces(text);
    }

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["letter.date"] = "letter date", ["letter.enclosures"] = "enclosure list",
        ["practice.name"] = "practice name", ["practice.address"] = "practice address", ["practice.phone"] = "practice phone",
        ["practice.fax"] = "practice fax", ["practice.npi"] = "practice group NPI", ["practice.taxId"] = "practice tax id",
        ["payer.address"] = "payer's appeals address", ["payer.fax"] = "payer's appeals fax", ["payer.phone"] = "payer's appeals phone",
        ["payer.portal"] = "payer's appeals portal",
        ["provider.name"] = "rendering provider's name", ["provider.credentials"] = "rendering provider's credentials",
        ["provider.npi"] = "rendering provider's NPI", ["provider.nameWithCredentials"] = "rendering provider's name and credentials",
        ["signer.name"] = "signing physician's name", ["signer.credentials"] = "signing physician's credentials",
        ["signer.npi"] = "signing physician's NPI", ["signer.nameWithCredentials"] = "signing physician's name and credentials",
        ["voice.subject"] = "signing physician", ["voice.request"] = "signing physician", ["voice.onBehalf"] = "signing physician",
        ["contact.name"] = "contact's name", ["contact.title"] = "contact's title", ["contact.phone"] = "contact's direct phone",
        ["contact.email"] = "contact's e-mail", ["contact.line"] = "contact line",
    };

    /// <summary>
    /// A placeholder in words for a message ("practice name", "payer's appeals address"; a template's own fact such as
    /// <c>payer.policyReference</c> reads "payer policy reference"), so a refusal never shows a dotted path.
    /// </summary>
    public static string Label(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Labels.TryGetValue(path, out var label)
            ? label
            : string.Join(' ', path.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(p => Display.Words(p, sentenceCase: false)));
    }

    /// <summary>Who can fill a missing merge field, for the message next to it.</summary>
    public static string WhoCompletes(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('.')[0] switch
        {
            "practice" => "An Admin completes it in the practice profile (Settings > Practice).",
            "payer" => "Add the payer's appeals address and numbers in the payer directory (Settings > Payers).",
            "provider" or "signer" or "voice" => "Add the clinician to the provider directory (Settings > Providers) with name, credentials and NPI.",
            "contact" => "The specialist working the appeal adds a direct phone line to their user profile.",
            _ => "Fill it in the letter.",
        };
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z]+\.[A-Za-z]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex MergeToken();
}

/// <summary>What the merge fields of one letter resolve to, as Markdown-escaped text.</summary>
public sealed class MergeValues
{
    private readonly Dictionary<string, string> values;

    public MergeValues(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        this.values = values.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
    }

    public string? Get(string path) => values.TryGetValue(path, out var value) ? value : null;

    /// <summary>
    /// The values from the directories and the packet. The voice follows the signer: the rendering provider signing
    /// writes in the first person ("I performed"); another physician signing says plainly on whose behalf.
    /// </summary>
    public static MergeValues From(MergeSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var v = new Dictionary<string, string?>(StringComparer.Ordinal);
        v["letter.date"] = sources.LetterDate.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        v["letter.enclosures"] = sources.Enclosures.Count == 0
            ? null
            : string.Join('\n', sources.Enclosures.Select((e, i) => string.Create(CultureInfo.InvariantCulture, $"- Enclosure {i + 1}: {Esc(e)}")));

        if (sources.Practice is { } practice)
        {
            v["practice.name"] = Esc(practice.Name);
            v["practice.address"] = Lines(practice.AddressLines);
            v["practice.phone"] = Esc(practice.Phone);
            v["practice.fax"] = Esc(practice.Fax);
            v["practice.npi"] = Esc(practice.Npi);
            v["practice.taxId"] = Esc(practice.TaxId);
        }

        if (sources.PayerContact is { } payer)
        {
            // The letter prints the payer's name on its own line above the address: a first address line that repeats
            // the name (typed into the directory, or on the remittance) would print it twice.
            var lines = payer.AddressLines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
            while (lines.Count > 0 && SameName(lines[0], sources.PayerName))
            {
                lines.RemoveAt(0);
            }

            v["payer.address"] = Lines(lines);
            v["payer.fax"] = Esc(payer.Fax);
            v["payer.phone"] = Esc(payer.Phone);
            v["payer.portal"] = Esc(payer.PortalUrl);
        }

        var provider = sources.Provider;
        if (provider is not null && !string.IsNullOrWhiteSpace(provider.Name))
        {
            v["provider.name"] = Esc(provider.Name);
            v["provider.credentials"] = Esc(provider.Credentials);
            v["provider.npi"] = Esc(provider.Npi);
            v["provider.nameWithCredentials"] = string.IsNullOrWhiteSpace(provider.Credentials) ? null : Esc(provider.NameWithCredentials);
        }

        var signer = sources.Signer ?? provider;
        if (signer is not null && !string.IsNullOrWhiteSpace(signer.Name))
        {
            v["signer.name"] = Esc(signer.Name);
            v["signer.credentials"] = Esc(signer.Credentials);
            v["signer.npi"] = Esc(signer.Npi);
            v["signer.nameWithCredentials"] = string.IsNullOrWhiteSpace(signer.Credentials) ? null : Esc(signer.NameWithCredentials);
            var same = provider is null || SameProvider(signer, provider);
            if (same)
            {
                v["voice.subject"] = "I";
                v["voice.request"] = "I ask you";
                v["voice.onBehalf"] = "";
            }
            else if (!string.IsNullOrWhiteSpace(provider!.Credentials))
            {
                v["voice.subject"] = Esc(provider.NameWithCredentials);
                v["voice.request"] = $"On behalf of {Esc(provider.NameWithCredentials)}, who rendered the service, I ask you";
                v["voice.onBehalf"] = $"on behalf of {Esc(provider.NameWithCredentials)}";
            }
        }

        if (sources.Contact is { } contact)
        {
            v["contact.name"] = Esc(contact.Name);
            v["contact.title"] = Esc(contact.Title);
            v["contact.phone"] = Esc(contact.Phone);
            v["contact.email"] = Esc(contact.Email);
            if (!string.IsNullOrWhiteSpace(contact.Phone))
            {
                var who = string.IsNullOrWhiteSpace(contact.Title) ? contact.Name : $"{contact.Name}, {contact.Title}";
                v["contact.line"] = Esc($"For questions about this appeal, please contact {who}, at {contact.Phone}{(string.IsNullOrWhiteSpace(contact.Email) ? "" : " or " + contact.Email)}.");
            }
        }

        // "voice.onBehalf" is legitimately empty for the rendering provider: keep it resolvable.
        var result = new MergeValues(v);
        if (v.TryGetValue("voice.onBehalf", out var onBehalf) && onBehalf == "")
        {
            result.values["voice.onBehalf"] = "";
        }

        return result;
    }

    /// <summary>Same clinician: same NPI when both have one, else the same name.</summary>
    public static bool SameProvider(ProviderInfo a, ProviderInfo b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!string.IsNullOrWhiteSpace(a.Npi) && !string.IsNullOrWhiteSpace(b.Npi))
        {
            return string.Equals(a.Npi.Trim(), b.Npi.Trim(), StringComparison.Ordinal);
        }

        var x = Charts.PersonName.Parse(a.Name);
        var y = Charts.PersonName.Parse(b.Name);
        return x is not null && y is not null && x.SameAs(y);
    }

    private static bool SameName(string line, string? payerName) =>
        payerName is not null && string.Equals(Normalize(line), Normalize(payerName), StringComparison.Ordinal);

    private static string Normalize(string text) =>
        new(text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static string? Esc(string? value) => string.IsNullOrWhiteSpace(value) ? null : MarkdownText.Escape(value.Trim());

    private static string? Lines(IReadOnlyList<string> lines)
    {
        var present = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < present.Count; i++)
        {
            sb.Append(MarkdownText.Escape(present[i]));
            if (i < present.Count - 1)
            {
                sb.Append("\\\n");
            }
        }

        return sb.ToString();
    }
}

/// <summary>Where the merge fields of a letter come from.</summary>
public sealed record MergeSources
{
    public DateOnly LetterDate { get; init; }

    public PracticeInfo? Practice { get; init; }

    public string? PayerName { get; init; }

    public PayerContact? PayerContact { get; init; }

    /// <summary>The rendering provider.</summary>
    public ProviderInfo? Provider { get; init; }

    /// <summary>The physician who signs (or is asked to); null = the rendering provider.</summary>
    public ProviderInfo? Signer { get; init; }

    public ContactInfo? Contact { get; init; }

    /// <summary>The packet's enclosures, in packet order.</summary>
    public IReadOnlyList<string> Enclosures { get; init; } = [];
}
