namespace AppealStudio.Core.Charts;

/// <summary>The claim side of a link: who was treated and when, as the remittance and claim record say.</summary>
/// <param name="MemberId">Member id the payer adjudicated under (835 NM1*QC/IL).</param>
/// <param name="FamilyName">Patient last name.</param>
/// <param name="GivenName">Patient first name.</param>
/// <param name="DateOfBirth">Date of birth, when the practice system has it (835s usually do not).</param>
/// <param name="ServiceFrom">First date of service.</param>
/// <param name="ServiceTo">Last date of service for multi-day claims; null for a single day.</param>
/// <param name="AccountNumber">The practice's claim or account number (CLP01).</param>
public sealed record ClaimIdentity(
    string? MemberId,
    string? FamilyName,
    string? GivenName,
    DateOnly? DateOfBirth,
    DateOnly ServiceFrom,
    DateOnly? ServiceTo = null,
    string? AccountNumber = null);

/// <summary>How the patient on a chart document was tied to the claim's patient.</summary>
public enum IdentityMatch
{
    None,

    /// <summary>Same member id.</summary>
    MemberId,

    /// <summary>Same account number (the note's patient account and the claim's CLP01).</summary>
    AccountNumber,

    /// <summary>Same family and first given name, and the same date of birth.</summary>
    NameAndDateOfBirth,

    /// <summary>
    /// Same family and first given name, and no identifier to compare: a suggestion a person must confirm, never a
    /// link by itself.
    /// </summary>
    NameOnly,
}

/// <summary>Whether a chart document belongs to a claim, and why (one sentence, shown to the specialist).</summary>
/// <param name="IsMatch">True when the patient matches and the encounter date is inside the window.</param>
/// <param name="Identity">How the patient matched, or <see cref="IdentityMatch.None"/>.</param>
/// <param name="DaysFromService">Days from the nearest date of service to the document's encounter date (0 inside a range); null without a date.</param>
/// <param name="Reason">Why it matched or not.</param>
public sealed record ChartLink(bool IsMatch, IdentityMatch Identity, int? DaysFromService, string Reason)
{
    /// <summary>A person confirmed that a name-only match is this patient's note.</summary>
    public bool Confirmed { get; init; }

    /// <summary>A name-only match in the window: shown as a suggestion, used only after a person confirms it.</summary>
    public bool NeedsConfirmation => IsMatch && Identity == IdentityMatch.NameOnly && !Confirmed;

    /// <summary>The basis in a few words: "member ID and date of service".</summary>
    public string Basis => Identity switch
    {
        IdentityMatch.MemberId => "member ID and date of service",
        IdentityMatch.AccountNumber => "account number and date of service",
        IdentityMatch.NameAndDateOfBirth => "name, date of birth and date of service",
        IdentityMatch.NameOnly => Confirmed ? "name and date of service, confirmed by a person" : "name and date of service only (to be confirmed)",
        IdentityMatch.None => "no match",
    };
}

/// <summary>
/// Decides whether a chart document belongs to a claim: same patient, and an encounter date within
/// <see cref="WindowDays"/> of the date(s) of service.
/// </summary>
/// <remarks>
/// The default window is ±3 days. Notes are often finalized a day or more after the visit and carry that date, and
/// pre-procedure evaluations (an anesthesia pre-op, an H&amp;P) are written in the days before; a same-day-only rule
/// would miss them. Three days is also the widest symmetric window that cannot pull in the neighbouring visit of a
/// weekly series (psychotherapy, wound care): sessions seven days apart are always nearer their own date of service.
/// </remarks>
public sealed class ChartLinker
{
    public const int DefaultWindowDays = 3;

    public ChartLinker(int windowDays = DefaultWindowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windowDays);
        WindowDays = windowDays;
    }

    public int WindowDays { get; }

    public ChartLink Link(ChartDocument document, ClaimIdentity claim)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(claim);

        var (identity, identityReason) = MatchPatient(document.Patient, claim);
        if (identity == IdentityMatch.None)
        {
            return new ChartLink(false, IdentityMatch.None, DaysFrom(document.EncounterDate, claim), identityReason);
        }

        if (document.EncounterDate is not { } encounter)
        {
            return new ChartLink(false, identity, null, $"{identityReason}, but the document has no encounter date to compare with the date of service.");
        }

        var days = DaysFrom(encounter, claim)!.Value;
        var dos = claim.ServiceTo is { } to && to != claim.ServiceFrom
            ? $"{Display.Date(claim.ServiceFrom)} to {Display.Date(to)}"
            : Display.Date(claim.ServiceFrom);
        var when = days == 0
            ? $"the encounter date {Display.Date(encounter)} is on the date of service"
            : $"the encounter date {Display.Date(encounter)} is {days} day{(days == 1 ? string.Empty : "s")} from the date of service {dos}";
        return days <= WindowDays
            ? new ChartLink(true, identity, days, $"{identityReason} and {when}.")
            : new ChartLink(false, identity, days, $"{identityReason}, but {when}, outside the ±{WindowDays}-day window.");
    }

    /// <summary>The documents that belong to the claim, nearest encounter date first.</summary>
    public IReadOnlyList<(ChartDocument Document, ChartLink Link)> FindLinked(IEnumerable<ChartDocument> documents, ClaimIdentity claim) =>
        documents
            .Select(d => (Document: d, Link: Link(d, claim)))
            .Where(x => x.Link.IsMatch)
            .OrderBy(x => x.Link.DaysFromService)
            .ThenBy(x => x.Link.Identity)
            .ToList();

    private static (IdentityMatch, string) MatchPatient(PatientIdentity patient, ClaimIdentity claim)
    {
        var docMember = NormalizeMemberId(patient.MemberId);
        var claimMember = NormalizeMemberId(claim.MemberId);
        if (docMember is not null && docMember == claimMember)
        {
            return (IdentityMatch.MemberId, $"Member ID {claimMember} matches");
        }

        var docAccount = NormalizeMemberId(patient.AccountNumber);
        var claimAccount = NormalizeMemberId(claim.AccountNumber);
        if (docAccount is not null && docAccount == claimAccount)
        {
            return (IdentityMatch.AccountNumber, $"Account number {claimAccount} matches");
        }

        // A different member id does not settle it: the chart may carry the patient's other plan. Name and date of
        // birth still decide, and the reason says the ids differ.
        var memberNote = docMember is not null && claimMember is not null ? $" (member ID differs: {docMember} vs {claimMember})" : string.Empty;
        var docName = PersonName.Parse(patient.Name);
        var claimName = PersonName.FromParts(claim.FamilyName, claim.GivenName);
        if (docName is null || claimName is null)
        {
            return (IdentityMatch.None, $"The patient cannot be confirmed: no matching member ID and no name to compare{memberNote}.");
        }

        if (!docName.SameAs(claimName))
        {
            return (IdentityMatch.None, $"The patient name on the document ({patient.Name}) does not match the claim ({claim.FamilyName}, {claim.GivenName}){memberNote}.");
        }

        if (patient.DateOfBirth is { } docDob && claim.DateOfBirth is { } claimDob)
        {
            return docDob == claimDob
                ? (IdentityMatch.NameAndDateOfBirth, $"Name and date of birth match{memberNote}")
                : (IdentityMatch.None, $"The name matches but the date of birth differs ({Display.Date(docDob)} vs {Display.Date(claimDob)}){memberNote}.");
        }

        return (IdentityMatch.NameOnly, $"Only the name matches; {Unread(patient, claim)}{memberNote}; confirm that the note is this patient's");
    }

    /// <summary>Which identifiers could not be compared, and on which side: "the note has no member ID or date of birth the linker could read".</summary>
    private static string Unread(PatientIdentity patient, ClaimIdentity claim)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(patient.MemberId))
        {
            missing.Add("member ID");
        }

        if (string.IsNullOrWhiteSpace(patient.AccountNumber))
        {
            missing.Add("account number");
        }

        if (patient.DateOfBirth is null)
        {
            missing.Add("date of birth");
        }

        var note = missing.Count == 0
            ? "the note's identifiers differ from the claim's"
            : "the note has no " + JoinOr(missing) + " the linker could read";
        return claim.DateOfBirth is null && patient.DateOfBirth is not null && missing.Count == 0
            ? note + " (the claim carries no date of birth)"
            : note;
    }

    private static string JoinOr(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    private static int? DaysFrom(DateOnly? encounter, ClaimIdentity claim)
    {
        if (encounter is not { } e)
        {
            return null;
        }

        var from = claim.ServiceFrom;
        var to = claim.ServiceTo is { } t && t >= from ? t : from;
        if (e < from)
        {
            return from.DayNumber - e.DayNumber;
        }

        return e > to ? e.DayNumber - to.DayNumber : 0;
    }

    private static string? NormalizeMemberId(string? memberId)
    {
        var trimmed = memberId?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.ToUpperInvariant();
    }
}
