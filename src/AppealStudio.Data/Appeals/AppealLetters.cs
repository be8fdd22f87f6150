using System.Globalization;
using System.Text.Json;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Core.Remittance;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;
using Claim = AppealStudio.Data.Remittances.Claim;
using PersonName = AppealStudio.Core.Charts.PersonName;

namespace AppealStudio.Data.Appeals;

/// <summary>What the specialist adds when starting a letter: values the remittance does not carry.</summary>
/// <param name="PayerAddress">An appeals address for this letter only, one line per line; empty = the payer directory's.</param>
/// <param name="PolicyReference">The payer policy the letter answers (every template requires it).</param>
/// <param name="Details">Free-form <c>details.*</c> values (authorization number, what was corrected...).</param>
/// <param name="Level">The appeal step (<see cref="AppealRules.Levels"/>); empty = first level.</param>
public sealed record LetterStartDetails(string? PayerAddress, string? PolicyReference, IReadOnlyDictionary<string, string> Details, string? Level = null)
{
    public static LetterStartDetails None { get; } = new(null, null, new Dictionary<string, string>(StringComparer.Ordinal));
}

/// <summary>A letter's text with its merge fields resolved from the directories as they are now.</summary>
/// <param name="Markdown">The text as it is shown, exported and signed.</param>
/// <param name="Values">What each merge field resolved to.</param>
/// <param name="Enclosures">The packet's enclosures, in order.</param>
/// <param name="Signer">The physician who signs (or is asked to), when known.</param>
/// <param name="Provider">The rendering provider.</param>
public sealed record ResolvedLetter(string Markdown, MergeValues Values, IReadOnlyList<string> Enclosures, ProviderInfo? Signer, ProviderInfo? Provider);

/// <summary>
/// The web side of the one letter builder (<see cref="LetterBuilder"/>): it reads the claim, the denial and the
/// directories (practice profile, payer directory, provider directory, users) into the same inputs the CLI builds
/// from an 835, and resolves a stored letter's merge fields when the letter is shown, exported or signed.
/// </summary>
public sealed class AppealLetters(AppDbContext db, DenialRules rules, TimeProvider clock, ICurrentActor actor)
{
    /// <summary>Shown on the DOCX and print view until Settings has a practice profile.</summary>
    public const string PlaceholderPracticeName = "Your practice name (set the letterhead in Settings)";

    /// <summary>The practice profile as letterhead and letter context, or null when Settings has none yet.</summary>
    public async Task<PracticeInfo?> PracticeAsync(CancellationToken cancellationToken = default)
    {
        var profile = await db.PracticeProfiles.AsNoTracking().OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        return profile is null || string.IsNullOrWhiteSpace(profile.Name) ? null : ToPractice(profile);
    }

    /// <summary>The practice's time zone (Settings &gt; Practice), or UTC when none is set.</summary>
    public async Task<string?> TimeZoneAsync(CancellationToken cancellationToken = default) =>
        await db.PracticeProfiles.AsNoTracking().OrderBy(p => p.Id).Select(p => p.TimeZone).FirstOrDefaultAsync(cancellationToken);

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

    /// <summary>The claim as the letter builder reads it. <paramref name="claim"/> must include Lines (with Adjustments), Adjustments and Payment.</summary>
    public static ClaimRecord ClaimRecordOf(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var lineAdjustments = claim.Lines.SelectMany(l => l.Adjustments).ToHashSet();
        return new ClaimRecord
        {
            PatientControlNumber = claim.PatientControlNumber,
            PayerClaimNumber = claim.PayerClaimNumber,
            PayerName = claim.Payment?.PayerName ?? "",
            PayerId = claim.Payment?.PayerIdentifier,
            RemittancePayerAddress = PartyAddress(claim.Payment?.DetailJson, "Payer"),
            PatientFamilyName = claim.PatientLastName,
            PatientGivenName = claim.PatientFirstName,
            MemberId = claim.PatientMemberId ?? claim.InsuredMemberId,
            RenderingProviderName = claim.RenderingProviderName,
            RenderingProviderNpi = claim.RenderingProviderNpi,
            PayeeName = claim.Payment?.PayeeName,
            PayeeNpi = claim.Payment?.PayeeNpi,
            PayeeTaxId = claim.Payment?.PayeeTaxId,
            PayeeAddress = PartyAddress(claim.Payment?.DetailJson, "Payee"),
            StatementFrom = claim.StatementFrom,
            StatementTo = claim.StatementTo,
            Charge = claim.ChargeAmount,
            Paid = claim.PaidAmount,
            PatientResponsibility = claim.PatientResponsibility,
            RemittanceDate = claim.Payment?.PaymentDate ?? claim.Payment?.ProductionDate,
            PaymentTraceNumber = claim.Payment?.TraceNumber,
            Lines = claim.Lines.OrderBy(l => l.LineNumber).Select(l => BilledClaimLine.From(
                l.LineNumber, l.ProcedureCode, l.Modifiers, l.Units, l.SubmittedProcedureCode, l.SubmittedModifiers, l.SubmittedUnits,
                l.ChargeAmount, l.PaidAmount, l.ServiceDate,
                l.Adjustments.OrderBy(a => a.Id).Select(a => new LineAdjustment(a.GroupCode, a.ReasonCode, a.Amount, a.Quantity)).ToList(),
                l.RemarkCodes)).ToList(),
            Adjustments = claim.Adjustments.Where(a => a.ServiceLineId is null && !lineAdjustments.Contains(a))
                .OrderBy(a => a.Id).Select(a => new LineAdjustment(a.GroupCode, a.ReasonCode, a.Amount, a.Quantity)).ToList(),
            RemarkCodes = string.IsNullOrWhiteSpace(claim.RemarkCodes) ? [] : claim.RemarkCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }

    /// <summary>The denial as the letter builder reads it.</summary>
    public static DenialRecord DenialRecordOf(Denial denial, PayerRule? rule, AppealLevel level)
    {
        ArgumentNullException.ThrowIfNull(denial);
        return new DenialRecord
        {
            GroupCode = denial.GroupCode,
            ReasonCode = denial.ReasonCode,
            RemarkCodes = (denial.RemarkCodes ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Amount = denial.Amount,
            LineNumber = denial.ServiceLine?.LineNumber ?? (denial.ServiceLineId is { } id ? denial.Claim.Lines.FirstOrDefault(l => l.Id == id)?.LineNumber : null),
            Scenario = denial.Scenario,
            RootCause = denial.RootCause,
            ServiceDate = denial.ServiceDate,
            RemittanceDate = denial.RemittanceDate,
            Level = level,
            Deadline = denial.AppealDeadline,
            PayerRule = rule,
        };
    }

    /// <summary>"first-level" → <see cref="AppealLevel.FirstLevel"/>; anything else the first level.</summary>
    public static AppealLevel ParseLevel(string? level) => level switch
    {
        "reopening" => AppealLevel.Reopening,
        "second-level" => AppealLevel.SecondLevel,
        "external-review" => AppealLevel.ExternalReview,
        _ => AppealLevel.FirstLevel,
    };

    /// <summary>The payer's rule (windows, type, receipt presumption) as the assessor resolves it.</summary>
    public async Task<(PayerRule Rule, PayerSetting? Setting)> PayerAsync(Denial denial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denial);
        var settings = await db.PayerSettings.AsNoTracking().ToListAsync(cancellationToken);
        try
        {
            var directory = settings.Count == 0
                ? new PayerDirectory(PayerDirectory.Default.Rules, rules.UnknownPayerRule())
                : new PayerDirectory(settings.Select(DenialRules.ToRule), rules.UnknownPayerRule());
            var match = directory.Resolve(denial.PayerIdentifier, denial.PayerName);
            return (match.Rule, match.IsDefaultRule ? null : settings.FirstOrDefault(s => s.Name == match.Rule.Name));
        }
        catch (ArgumentException)
        {
            // An inconsistent payer table is Settings' problem to report; the letter just uses the default rule.
            return (rules.UnknownPayerRule(), null);
        }
    }

    /// <summary>
    /// Where the letter goes: the address typed for this letter, else the payer directory's address for the level
    /// (or its "any level" row), else the payer's address on the remittance (marked as such).
    /// </summary>
    public async Task<PayerContact?> PayerContactAsync(Denial denial, AppealLevel level, string? typedAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denial);
        var (_, setting) = await PayerAsync(denial, cancellationToken);
        PayerAppealAddress? row = null;
        if (setting is not null)
        {
            var levelCode = level.ToCode();
            var rows = await db.PayerAppealAddresses.AsNoTracking().Where(a => a.PayerSettingId == setting.Id).ToListAsync(cancellationToken);
            row = rows.FirstOrDefault(a => a.Level == levelCode) ?? rows.FirstOrDefault(a => a.Level == PayerAppealAddress.AnyLevel);
        }

        var typed = SplitLines(typedAddress);
        if (typed.Count > 0)
        {
            return new PayerContact { AddressLines = typed, Fax = row?.Fax, Phone = row?.Phone, PortalUrl = row?.PortalUrl };
        }

        if (row is not null)
        {
            return new PayerContact { AddressLines = row.Lines(), Fax = row.Fax, Phone = row.Phone, PortalUrl = row.PortalUrl };
        }

        var remittance = PartyAddress(denial.Claim.Payment?.DetailJson, "Payer");
        return remittance.Count == 0 ? null : new PayerContact { AddressLines = remittance, FromRemittance = true };
    }

    /// <summary>
    /// The rendering provider as letters name them: the provider directory entry for the NPI; else the physician user
    /// with that NPI ("Dana Reyes, MD"); else null, and the builder takes the remittance's name and the note's credentials.
    /// </summary>
    public async Task<ProviderInfo?> ProviderAsync(string? npi, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(npi))
        {
            return null;
        }

        var entry = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Npi == npi && p.IsActive, cancellationToken);
        if (entry is not null)
        {
            return new ProviderInfo { Name = entry.Name, Credentials = entry.Credentials, Npi = entry.Npi, Specialty = entry.Specialty };
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Npi == npi && !u.IsDisabled).OrderBy(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        if (user is null || string.IsNullOrWhiteSpace(user.DisplayName))
        {
            return null;
        }

        var (name, credentials) = LetterBuilder.SplitCredentials(user.DisplayName);
        return new ProviderInfo { Name = name, Credentials = credentials, Npi = npi };
    }

    /// <summary>A physician user as the signer: their provider directory entry when one is linked, else their name and NPI.</summary>
    public async Task<ProviderInfo?> SignerAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return null;
        }

        var entry = await db.Providers.AsNoTracking().Where(p => p.PhysicianUserId == userId && p.IsActive).OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (entry is not null)
        {
            return new ProviderInfo { Name = entry.Name, Credentials = entry.Credentials, Npi = entry.Npi, Specialty = entry.Specialty };
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var (name, credentials) = LetterBuilder.SplitCredentials(user.DisplayName);
        return new ProviderInfo { Name = name, Credentials = credentials, Npi = user.Npi };
    }

    /// <summary>The physician who signs by default: the provider directory's user for the rendering NPI, else the physician user with that NPI.</summary>
    public async Task<string?> DefaultSignerUserIdAsync(string? renderingNpi, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(renderingNpi))
        {
            return null;
        }

        var linked = await db.Providers.AsNoTracking()
            .Where(p => p.Npi == renderingNpi && p.IsActive && p.PhysicianUserId != null)
            .Select(p => p.PhysicianUserId)
            .FirstOrDefaultAsync(cancellationToken);
        if (linked is not null && await IsActivePhysicianAsync(linked, cancellationToken))
        {
            return linked;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.Npi == renderingNpi && !u.IsDisabled).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var id in users)
        {
            if (await IsActivePhysicianAsync(id, cancellationToken))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>The person the payer contacts about the appeal: the user's name, title and direct line.</summary>
    public async Task<ContactInfo?> ContactAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null || string.IsNullOrWhiteSpace(user.DisplayName)
            ? null
            : new ContactInfo { Name = user.DisplayName, Title = user.Title, Phone = user.Phone, Email = user.Email };
    }

    /// <summary>
    /// The inputs of a new letter for <paramref name="denial"/> (which must include its claim's lines with their
    /// adjustments, its adjustments and payment): the same inputs the CLI builds from an 835, plus the directories.
    /// </summary>
    public async Task<LetterInputs> InputsAsync(Denial denial, IReadOnlyList<LinkedDocument> linked, LetterTemplate template, LetterStartDetails details,
        IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>? evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denial);
        ArgumentNullException.ThrowIfNull(linked);
        ArgumentNullException.ThrowIfNull(details);
        var level = ParseLevel(details.Level);
        var (rule, _) = await PayerAsync(denial, cancellationToken);
        var npi = denial.Claim.RenderingProviderNpi ?? denial.RenderingProviderNpi;
        var signerId = await DefaultSignerUserIdAsync(npi, cancellationToken);
        return new LetterInputs
        {
            Template = template,
            Claim = ClaimRecordOf(denial.Claim),
            Denial = DenialRecordOf(denial, rule, level),
            Documents = linked.Select(l => l.Document).ToList(),
            LetterDate = Today(),
            Practice = await PracticeAsync(cancellationToken),
            PayerContact = await PayerContactAsync(denial, level, details.PayerAddress, cancellationToken),
            Provider = await ProviderAsync(npi, cancellationToken),
            Signer = await SignerAsync(signerId, cancellationToken),
            Contact = await ContactAsync(denial.AssigneeUserId ?? actor.UserId, cancellationToken),
            IsMedicare = rule.Type == PayerType.Medicare,
            PolicyReference = details.PolicyReference,
            Details = details.Details,
            Evidence = evidence,
        };
    }

    /// <summary>
    /// The stored text of <paramref name="appeal"/> with its merge fields resolved now: the practice profile, the
    /// payer directory, the provider directory, the signer (who signed, or was asked to, else the default physician),
    /// the contact (the assignee, else who started the letter) and the packet's enclosures.
    /// </summary>
    /// <param name="appeal">The appeal.</param>
    /// <param name="markdown">The text to resolve (the saved text unless the editor holds another).</param>
    /// <param name="cited">The letter's excerpts.</param>
    /// <param name="denial">The denial with its claim, lines and payment; loaded when null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<ResolvedLetter> ResolveAsync(Appeal appeal, string markdown, IReadOnlyList<CitedExcerpt> cited, Denial? denial = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(cited);
        denial ??= await LoadDenialAsync(appeal.DenialId, cancellationToken);
        var claim = ClaimRecordOf(denial.Claim);
        var attachments = await db.AppealAttachments.AsNoTracking().Where(a => a.AppealId == appeal.Id).OrderBy(a => a.Id)
            .Select(a => a.FileName).ToListAsync(cancellationToken);
        var present = Citations.Order(markdown).ToHashSet(StringComparer.Ordinal);
        var enclosures = LetterBuilder.Enclosures(cited.Where(e => present.Contains(e.Marker)).ToList(), claim, attachments.Select(AttachmentTitle).ToList());
        var npi = denial.Claim.RenderingProviderNpi ?? denial.RenderingProviderNpi;
        var signerId = appeal.SignedByUserId ?? appeal.SignOffRequestedToUserId ?? await DefaultSignerUserIdAsync(npi, cancellationToken);
        var level = ParseLevel(appeal.LetterLevel);
        var provider = await ProviderAsync(npi, cancellationToken) ?? ProviderFromRemittance(denial.Claim, cited);
        var sources = new MergeSources
        {
            LetterDate = appeal.SignedAt is { } signedAt ? LocalDate(signedAt, appeal.SignedTimeZone ?? await TimeZoneAsync(cancellationToken)) : Today(),
            Practice = await PracticeAsync(cancellationToken),
            PayerName = Names.Title(denial.PayerName),
            PayerContact = await PayerContactAsync(denial, level, appeal.PayerAddress, cancellationToken),
            Provider = provider,
            Signer = await SignerAsync(signerId, cancellationToken),
            Contact = await ContactAsync(denial.AssigneeUserId ?? appeal.CreatedByUserId, cancellationToken),
            Enclosures = enclosures,
        };
        var values = MergeValues.From(sources);
        return new ResolvedLetter(MergeFields.Resolve(markdown, values), values, enclosures, sources.Signer, provider);
    }

    /// <summary>The denial with everything a letter reads.</summary>
    public Task<Denial> LoadDenialAsync(long denialId, CancellationToken cancellationToken = default) =>
        Include(db.Denials.AsNoTracking()).FirstAsync(d => d.Id == denialId, cancellationToken);

    /// <summary>The includes a letter needs: the claim's lines with their adjustments, its adjustments and its payment.</summary>
    public static IQueryable<Denial> Include(IQueryable<Denial> denials)
    {
        ArgumentNullException.ThrowIfNull(denials);
        return denials
            .Include(d => d.ServiceLine)
            .Include(d => d.Claim).ThenInclude(c => c.Lines).ThenInclude(l => l.Adjustments)
            .Include(d => d.Claim).ThenInclude(c => c.Adjustments)
            .Include(d => d.Claim).ThenInclude(c => c.Payment)
            .AsSplitQuery();
    }

    /// <summary>An attachment as the enclosure list names it: its file name without the extension, as a title.</summary>
    public static string AttachmentTitle(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileNameWithoutExtension(fileName).Replace('_', ' ').Replace('-', ' ').Trim();
        return name.Length == 0 ? fileName : char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary>"Dana Reyes, MD" → ("Dana Reyes", "MD"); a name without a comma has no credentials.</summary>
    public static (string Name, string? Credentials) SplitCredentials(string displayName) => LetterBuilder.SplitCredentials(displayName);

    /// <summary>The calendar date of <paramref name="at"/> in the practice's time zone (UTC when none or unknown).</summary>
    public static DateOnly LocalDate(DateTimeOffset at, string? timeZone) => DateOnly.FromDateTime(LocalTime(at, timeZone).DateTime);

    public static DateTimeOffset LocalTime(DateTimeOffset at, string? timeZone)
    {
        if (!string.IsNullOrWhiteSpace(timeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return TimeZoneInfo.ConvertTime(at, zone);
        }

        return at.ToUniversalTime();
    }

    private static ProviderInfo? ProviderFromRemittance(Claim claim, IReadOnlyList<CitedExcerpt> cited)
    {
        var name = Names.PersonFromRemittance(claim.RenderingProviderName);
        if (name is null)
        {
            return claim.RenderingProviderNpi is null ? null : new ProviderInfo { Name = "", Npi = claim.RenderingProviderNpi };
        }

        var wanted = PersonName.Parse(name);
        foreach (var author in cited.Select(e => e.Author).Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            var (authorName, credentials) = LetterBuilder.SplitCredentials(author!);
            if (credentials is not null && wanted is not null && PersonName.Parse(authorName) is { } parsed && parsed.SameAs(wanted))
            {
                return new ProviderInfo { Name = authorName, Credentials = credentials, Npi = claim.RenderingProviderNpi };
            }
        }

        return new ProviderInfo { Name = name, Npi = claim.RenderingProviderNpi };
    }

    private async Task<bool> IsActivePhysicianAsync(string userId, CancellationToken cancellationToken)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.Physician).Select(r => r.Id);
        return await db.Users.AnyAsync(u => u.Id == userId && !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)), cancellationToken);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The N3/N4 address of the payer or payee kept in the payment's detail JSON.</summary>
    private static IReadOnlyList<string> PartyAddress(string? detailJson, string party)
    {
        if (string.IsNullOrWhiteSpace(detailJson))
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(detailJson);
            if (!json.RootElement.TryGetProperty(party, out var p) || p.ValueKind != JsonValueKind.Object || !p.TryGetProperty("Address", out var a) || a.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var lines = a.TryGetProperty("Lines", out var l) && l.ValueKind == JsonValueKind.Array
                ? l.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
                : [];
            string? Get(string name) => a.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return Names.AddressLines(new Address(lines, Get("City"), Get("State"), Get("PostalCode"), Get("CountryCode"), Get("CountrySubdivision")));
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static List<string> SplitLines(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Rewrites the evidence sections from the chosen excerpts and renumbers the citations (see <see cref="LetterRefill"/>).</summary>
    public static RefillResult RefillEvidence(string markdown, LetterTemplate template, IReadOnlyList<CitedExcerpt> excerpts,
        Func<IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>, FilledLetter>? render = null) =>
        LetterRefill.Refill(markdown, template, excerpts, render);

    /// <summary>
    /// How the builder drafts <paramref name="appeal"/>'s letter for a set of excerpts: its narrative is what an
    /// unedited letter's narrative is compared with when the evidence is re-filled.
    /// </summary>
    public async Task<Func<IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>, FilledLetter>> RendererAsync(Appeal appeal, LetterTemplate template,
        IReadOnlyList<LinkedDocument> linked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var denial = await LoadDenialAsync(appeal.DenialId, cancellationToken);
        var inputs = await InputsAsync(denial, linked, template, new LetterStartDetails(appeal.PayerAddress, null, new Dictionary<string, string>(StringComparer.Ordinal), appeal.LetterLevel),
            null, cancellationToken);
        return evidence => LetterBuilder.Build(inputs with { Evidence = evidence }).Filled;
    }
}
