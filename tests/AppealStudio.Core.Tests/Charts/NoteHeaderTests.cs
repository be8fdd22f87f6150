using System.Text;
using AppealStudio.Core.Charts;

namespace AppealStudio.Core.Tests.Charts;

/// <summary>Note headers as people write them, and what the linker says when it cannot confirm a note.</summary>
public class NoteHeaderTests
{
    private static ChartDocument Read(string text) => Assert.Single(ChartImporter.Read("note.txt", new MemoryStream(Encoding.UTF8.GetBytes(text))));

    [Theory]
    [InlineData("Client: Thao Nguyen\nDOB: 2/17/1990\nIns ID: BHX20094417\nDate of service: 09/12/2026\n", "Thao Nguyen", "BHX20094417", 1990, 2, 17)]
    [InlineData("Pt: Nguyen, Thao\nBorn: February 17, 1990\nSubscriber #: BHX20094417\nDOS: 9/12/2026\n", "Nguyen, Thao", "BHX20094417", 1990, 2, 17)]
    [InlineData("Name: Thao Nguyen   D.O.B.: 02-17-1990\nMember #: BHX20094417\nVisit date: 2026-09-12\n", "Thao Nguyen", "BHX20094417", 1990, 2, 17)]
    [InlineData("Patient Name: Thao Nguyen\nDate of birth: Feb 17, 1990\nPolicy #: BHX20094417\nEncounter date: September 12, 2026\n", "Thao Nguyen", "BHX20094417", 1990, 2, 17)]
    public void Read_HeaderStyles_FindPatientMemberIdAndDateOfBirth(string header, string name, string member, int y, int m, int d)
    {
        var doc = Read("PROGRESS NOTE\n" + header + "\nAssessment: stable.\n");

        Assert.Equal(name, doc.Patient.Name);
        Assert.Equal(member, doc.Patient.MemberId);
        Assert.Equal(new DateOnly(y, m, d), doc.Patient.DateOfBirth);
        Assert.Equal(new DateOnly(2026, 9, 12), doc.EncounterDate);
    }

    [Theory]
    [InlineData("Attending: Priya Raman, MD\n", "Priya Raman, MD")]
    [InlineData("Rendering provider: Dr. Priya Raman\n", "Priya Raman")]
    [InlineData("Seen today by Priya Raman, MD\n", "Priya Raman, MD")]
    [InlineData("Clinician: Marisol Quintero, LCSW\n", "Marisol Quintero, LCSW")]
    [InlineData("", "Marisol Quintero, LCSW")]
    public void Read_AuthorLines_AsWritten_ElseTheSignatureLine(string authorLine, string expected)
    {
        var doc = Read("PROGRESS NOTE\nPatient: Thao Nguyen\nDate of service: 09/12/2026\n" + authorLine + "\nAssessment: stable.\n\nElectronically signed by Marisol Quintero, LCSW on 09/12/2026 15:20.\n");

        Assert.Equal(expected, doc.Author);
    }

    [Fact]
    public void Read_AccountNumber_LinksByItWhenThereIsNoMemberId()
    {
        var doc = Read("CLINIC NOTE\nPatient: Thao Nguyen\nAcct #: DEMO-1004\nDate of service: 09/12/2026\n\nFollow-up.\n");

        Assert.Equal("DEMO-1004", doc.Patient.AccountNumber);
        var link = new ChartLinker().Link(doc, new ClaimIdentity(null, "NGUYEN", "THAO", null, new DateOnly(2026, 9, 12), null, "DEMO-1004"));
        Assert.True(link.IsMatch);
        Assert.Equal(IdentityMatch.AccountNumber, link.Identity);
        Assert.False(link.NeedsConfirmation);
        Assert.Equal("account number and date of service", link.Basis);
    }

    [Fact]
    public void Link_NameOnly_IsASuggestion_ThatSaysWhichIdentifiersItCouldNotRead()
    {
        var doc = Read("CLINIC NOTE\nPatient: Thao Nguyen\nDate of service: 09/12/2026\n\nFollow-up.\n");

        var link = new ChartLinker().Link(doc, new ClaimIdentity("BHX1", "NGUYEN", "THAO", null, new DateOnly(2026, 9, 12)));

        Assert.True(link.NeedsConfirmation);
        Assert.Contains("Only the name matches; the note has no member ID, account number or date of birth the linker could read", link.Reason, StringComparison.Ordinal);
        Assert.False((link with { Confirmed = true }).NeedsConfirmation);
    }
}
