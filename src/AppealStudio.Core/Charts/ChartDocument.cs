namespace AppealStudio.Core.Charts;

/// <summary>Who a chart document is about, as far as the document itself says.</summary>
/// <param name="MemberId">Insurance member/subscriber id, when the document carries one.</param>
/// <param name="Name">Patient name as written ("Doe, Jane A" or "Jane A. Doe"); see <see cref="PersonName"/>.</param>
/// <param name="DateOfBirth">Date of birth, when stated.</param>
/// <param name="AccountNumber">The practice's patient or visit account number (the claim's CLP01), when the note carries one.</param>
public sealed record PatientIdentity(string? MemberId, string? Name, DateOnly? DateOfBirth, string? AccountNumber = null)
{
    public static PatientIdentity Unknown { get; } = new(null, null, null);
}

/// <summary>
/// One clinical document imported from a chart export. <see cref="Text"/> is the plain text every evidence offset
/// refers to; it is stored as imported (line endings normalized to <c>\n</c>) and never rewritten afterwards.
/// </summary>
/// <param name="Id">Stable id within the import: the FHIR resource id, else the file name (with <c>#n</c> for the n-th document of a bundle).</param>
/// <param name="Title">Human title ("Operative report"), from metadata, the first heading, or the file name.</param>
/// <param name="Patient">Patient identity found in the document.</param>
/// <param name="EncounterDate">Date of the encounter the note documents.</param>
/// <param name="Author">Signing clinician, when known.</param>
/// <param name="DocumentType">Kind of note ("Operative report", "Progress note"...), when known.</param>
/// <param name="SourceFileName">The file it came from.</param>
/// <param name="Text">Plain text of the document.</param>
public sealed record ChartDocument(
    string Id,
    string Title,
    PatientIdentity Patient,
    DateOnly? EncounterDate,
    string? Author,
    string? DocumentType,
    string SourceFileName,
    string Text);
