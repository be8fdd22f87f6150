using System.Globalization;
using System.Text;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Appeals;

/// <summary>What the specialist adds when starting a letter: values the remittance does not carry.</summary>
/// <param name="PayerAddress">The payer's appeals address, one line per line.</param>
/// <param name="PolicyReference">The payer policy the letter answers (every template requires it).</param>
/// <param name="Details">Free-form <c>details.*</c> values (authorization number, what was corrected...).</param>
public sealed record LetterStartDetails(string? PayerAddress, string? PolicyReference, IReadOnlyDictionary<string, string> Details)
{
    public static LetterStartDetails None { get; } = new(null, null, new Dictionary<string, string>(StringComparer.Ordinal));
}

/// <summary>Builds the <see cref="LetterContext"/> of a denial and keeps a letter's evidence sections in step with its excerpts.</summary>
public sealed class AppealLetters(AppDbContext db, DenialRules rules, TimeProvider clock)
{
    /// <summary>Shown on the DOCX and print view until Settings has a practice profile.</summary>
    public const string PlaceholderPracticeName = "Your practice name (set the letterhead in Settings)";

    /// <summary>The practice profile as letterhead and letter context, or null when Settings has none yet.</summary>
    public async Task<PracticeInfo?> PracticeAsync(CancellationToken cancellationToken = default)
    {
        var profile = await db.PracticeProfiles.AsNoTracking().OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        return profile is null || string.IsNullOrWhiteSpace(profile.Name) ? null : ToPractice(profile);
    }

    public static PracticeInfo ToPractice(PracticeProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var cityLine = string.Join(" ", new[]
        {
            string.Join(", ", new[] { p.City, p.State }.Where(s => !string.IsNullOrWhiteSpace(s))),
            p.PostalCode,
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new PracticeInfo
        {
            Name = p.Name,
            AddressLines = new[] { p.AddressLine1, p.AddressLine2, cityLine }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToList(),
            Phone = p.Phone,
            Fax = p.Fax,
            Npi = p.Npi,
            TaxId = p.TaxId,
        };
    }

    public static Letterhead LetterheadFor(PracticeInfo? practice) =>
        practice is null ? new Letterhead(PlaceholderPracticeName, []) : Letterhead.From(practice);

    /// <summary>
    /// The context a template is filled from. <paramref name="denial"/> must include Claim with Lines and Payment.
    /// Absent values stay absent: the filler marks them visibly rather than guessing.
    /// </summary>
    public async Task<LetterContext> BuildContextAsync(
        Denial denial,
        IReadOnlyList<LinkedDocument> linked,
        LetterStartDetails details,
        IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>> evidence,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denial);
        ArgumentNullException.ThrowIfNull(linked);
        ArgumentNullException.ThrowIfNull(details);
        var claim = denial.Claim;
        var provider = await ProviderAsync(claim.RenderingProviderNpi ?? denial.RenderingProviderNpi, claim.RenderingProviderName, cancellationToken);
        var isMedicare = await IsMedicareAsync(denial, cancellationToken);
        var dateOfBirth = linked.Select(l => l.Entity.PatientBirthDate).FirstOrDefault(d => d is not null);
        var lines = denial.ServiceLineId is { } lineId
            ? claim.Lines.Where(l => l.Id == lineId).ToList()
            : claim.Lines.OrderBy(l => l.LineNumber).ToList();

        return new LetterContext
        {
            LetterDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            RequestType = isMedicare ? "redetermination" : null,
            Practice = await PracticeAsync(cancellationToken),
            Provider = provider,
            Patient = string.IsNullOrWhiteSpace(claim.PatientDisplayName) ? null : new PatientInfo
            {
                Name = PatientName(claim.PatientFirstName, claim.PatientLastName),
                DateOfBirth = dateOfBirth,
                MemberId = claim.PatientMemberId ?? claim.InsuredMemberId,
                AccountNumber = claim.PatientControlNumber,
            },
            Payer = new PayerInfo
            {
                Name = denial.PayerName,
                AddressLines = SplitLines(details.PayerAddress),
                PolicyReference = string.IsNullOrWhiteSpace(details.PolicyReference) ? null : details.PolicyReference.Trim(),
                PayerId = denial.PayerIdentifier,
                IsMedicare = isMedicare,
            },
            Claim = new ClaimInfo
            {
                PayerClaimNumber = claim.PayerClaimNumber,
                PatientControlNumber = claim.PatientControlNumber,
                ServiceDate = denial.ServiceDate ?? claim.StatementFrom,
                ServiceDateTo = denial.ServiceDate is null ? claim.StatementTo : null,
                ProcedureCodes = lines.Count > 0
                    ? lines.Select(l => string.Join("-", new[] { l.ProcedureCode }.Concat(l.ModifierList))).ToList()
                    : denial.ProcedureCode is { } code ? [code] : [],
                ChargeAmount = lines.Count == 1 ? lines[0].ChargeAmount : claim.ChargeAmount,
                DeniedAmount = denial.Amount,
            },
            Denial = new DenialInfo
            {
                GroupCode = denial.GroupCode,
                ReasonCode = denial.ReasonCode,
                ReasonText = CodeDictionary.Default.CarcMeaning(denial.ReasonCode),
                RemarkCodes = (denial.RemarkCodes ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                RemittanceDate = denial.RemittanceDate,
                Scenario = denial.Scenario,
                RootCause = denial.RootCause,
            },
            Details = details.Details,
            Evidence = evidence,
        };
    }

    /// <summary>
    /// The rendering provider as the letter names them: the physician user with that NPI ("Dana Reyes, MD" gives
    /// name and credentials), else the name on the remittance.
    /// </summary>
    public async Task<ProviderInfo?> ProviderAsync(string? npi, string? remittanceName, CancellationToken cancellationToken = default)
    {
        AppUser? user = null;
        if (!string.IsNullOrWhiteSpace(npi))
        {
            user = await db.Users.AsNoTracking().Where(u => u.Npi == npi && !u.IsDisabled).OrderBy(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        }

        if (user is not null && !string.IsNullOrWhiteSpace(user.DisplayName))
        {
            var (name, credentials) = SplitCredentials(user.DisplayName);
            return new ProviderInfo { Name = name, Credentials = credentials, Npi = npi };
        }

        if (string.IsNullOrWhiteSpace(remittanceName))
        {
            return string.IsNullOrWhiteSpace(npi) ? null : new ProviderInfo { Name = "", Npi = npi };
        }

        // 835 names read "MARQUEZ, ELENA" or "MARQUEZ*ELENA"; a letter says "Elena Marquez".
        var parts = remittanceName.Split([',', '*'], 2, StringSplitOptions.TrimEntries);
        var display = parts.Length == 2 && parts[1].Length > 0 ? $"{Title(parts[1])} {Title(parts[0])}" : Title(remittanceName);
        return new ProviderInfo { Name = display, Npi = npi };
    }

    /// <summary>"Dana Reyes, MD" → ("Dana Reyes", "MD"); a name without a comma has no credentials.</summary>
    public static (string Name, string? Credentials) SplitCredentials(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var comma = displayName.LastIndexOf(',');
        return comma > 0 && comma < displayName.Length - 1
            ? (displayName[..comma].Trim(), displayName[(comma + 1)..].Trim())
            : (displayName.Trim(), null);
    }

    private async Task<bool> IsMedicareAsync(Denial denial, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await db.PayerSettings.AsNoTracking().ToListAsync(cancellationToken);
            var directory = settings.Count == 0
                ? new PayerDirectory(PayerDirectory.Default.Rules, rules.UnknownPayerRule())
                : new PayerDirectory(settings.Select(DenialRules.ToRule), rules.UnknownPayerRule());
            return directory.Find(denial.PayerIdentifier, denial.PayerName).Type == PayerType.Medicare;
        }
        catch (ArgumentException)
        {
            // An inconsistent payer table is Settings' problem to report; the letter just uses the commercial wording.
            return false;
        }
    }

    private static string PatientName(string? first, string? last) =>
        string.Join(" ", new[] { first, last }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Title(s!)));

    private static string Title(string value)
    {
        var trimmed = value.Trim();
        // Remittances shout in capitals; keep names that already have mixed case as written.
        return trimmed.Any(char.IsLower) ? trimmed : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(trimmed.ToLowerInvariant());
    }

    private static List<string> SplitLines(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>
    /// Rewrites the evidence sections of an edited letter from the chosen excerpts, leaving the rest of the text as
    /// the specialist wrote it. Each slot's section is found by its missing-evidence marker or its bold label line
    /// (as the filler wrote it) and replaced; a slot with no section yet is placed after the previous slot's.
    /// </summary>
    /// <returns>The new text and the labels of slots that had no place in the letter.</returns>
    public static (string Markdown, IReadOnlyList<string> Unplaced) RefillEvidence(string markdown, LetterTemplate template, IReadOnlyList<CitedExcerpt> excerpts)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(excerpts);
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var unplaced = new List<string>();
        int? previousEnd = null;
        foreach (var slot in template.EvidenceSlots)
        {
            var chosen = excerpts.Where(e => string.Equals(e.Slot, slot.Name, StringComparison.Ordinal)).ToList();
            var block = chosen.Count > 0
                ? $"**{MarkdownText.Escape(slot.Label)}**\n\n" + string.Join("\n\n", chosen.Select(LetterFiller.Quote))
                : slot.Required ? LetterFiller.Marker("evidence." + slot.Name) : "";

            if (FindSection(text, slot) is { } span)
            {
                text = text[..span.Start] + block + text[span.End..];
                previousEnd = span.Start + block.Length;
            }
            else if (block.Length > 0 && previousEnd is { } at)
            {
                text = text[..at] + "\n\n" + block + text[at..];
                previousEnd = at + 2 + block.Length;
            }
            else if (block.Length > 0)
            {
                unplaced.Add(slot.Label);
            }
        }

        return (CollapseBlankLines(text), unplaced);
    }

    private static (int Start, int End)? FindSection(string text, EvidenceSlot slot)
    {
        var marker = LetterFiller.Marker("evidence." + slot.Name);
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        if (index >= 0)
        {
            return (index, index + marker.Length);
        }

        var heading = $"**{MarkdownText.Escape(slot.Label)}**";
        var at = 0;
        while (at < text.Length)
        {
            var lineEnd = text.IndexOf('\n', at);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            if (text.AsSpan(at, lineEnd - at).Trim().SequenceEqual(heading))
            {
                // The section: the label line, then blank lines and block-quote lines; trailing blank lines stay outside.
                var end = lineEnd;
                var scan = lineEnd;
                while (scan < text.Length)
                {
                    var next = text.IndexOf('\n', scan + 1);
                    if (next < 0)
                    {
                        next = text.Length;
                    }

                    var line = text.AsSpan(scan + 1, Math.Max(0, next - scan - 1)).Trim();
                    if (line.IsEmpty)
                    {
                        scan = next;
                        continue;
                    }

                    if (line[0] != '>')
                    {
                        break;
                    }

                    end = next;
                    scan = next;
                }

                return (at, end);
            }

            at = lineEnd + 1;
        }

        return null;
    }

    private static string CollapseBlankLines(string text)
    {
        var sb = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var line in text.Split('\n'))
        {
            blank = line.Trim().Length == 0 ? blank + 1 : 0;
            if (blank <= 1)
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }
}
