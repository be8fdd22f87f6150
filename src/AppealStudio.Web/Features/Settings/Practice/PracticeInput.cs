using AppealStudio.Data.Practice;

namespace AppealStudio.Web.Features.Settings.Practice;

/// <summary>What the practice profile form posts (the letterhead of exported letters).</summary>
public sealed class PracticeInput
{
    public string Name { get; set; } = "";

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }

    public string? Phone { get; set; }

    public string? Fax { get; set; }

    public string? Npi { get; set; }

    public string? TaxId { get; set; }

    /// <summary>The IANA zone every screen shows times in (one of <see cref="PracticeContext.UsZones"/>).</summary>
    public string? TimeZone { get; set; } = PracticeContext.DefaultZoneId;

    public string? Stamp { get; set; }

    public static PracticeInput From(PracticeProfile? p) => p is null
        ? new PracticeInput { Stamp = PracticeProfileAdministration.StampOf(null) }
        : new PracticeInput
        {
            Name = p.Name,
            AddressLine1 = p.AddressLine1,
            AddressLine2 = p.AddressLine2,
            City = p.City,
            State = p.State,
            PostalCode = p.PostalCode,
            Phone = p.Phone,
            Fax = p.Fax,
            Npi = p.Npi,
            TaxId = p.TaxId,
            TimeZone = p.TimeZone ?? PracticeContext.DefaultZoneId,
            Stamp = PracticeProfileAdministration.StampOf(p),
        };

    public PracticeDraft ToDraft() =>
        new(Name, AddressLine1, AddressLine2, City, State, PostalCode, Phone, Fax, Npi, TaxId, Stamp, TimeZone);
}
