using AppealStudio.Core.Charts;

namespace AppealStudio.Core.Tests.Charts;

public class ChartLinkerTests
{
    private static readonly DateOnly Dos = new(2026, 9, 3);

    [Fact]
    public void Link_SameMemberIdOnTheDateOfService_Matches()
    {
        var doc = ChartFixtures.ReadOne("cardiology-office-visit.txt");
        var link = new ChartLinker().Link(doc, new ClaimIdentity("4tq7hn2rx51", "OKAFOR", "HARRIET", null, Dos));

        Assert.True(link.IsMatch);
        Assert.Equal(IdentityMatch.MemberId, link.Identity);
        Assert.Equal(0, link.DaysFromService);
        Assert.Equal("Member ID 4TQ7HN2RX51 matches and the encounter date 09/03/2026 is on the date of service.", link.Reason);
    }

    [Fact]
    public void Link_NameAndDateOfBirthFrom835Spelling_Matches()
    {
        var doc = Note("Harriet M. Okafor", null, new DateOnly(1953, 7, 9), Dos.AddDays(2));
        var link = new ChartLinker().Link(doc, new ClaimIdentity("OTHER1", "OKAFOR", "HARRIET", new DateOnly(1953, 7, 9), Dos));

        Assert.True(link.IsMatch);
        Assert.Equal(IdentityMatch.NameAndDateOfBirth, link.Identity);
        Assert.Equal(2, link.DaysFromService);
        Assert.Contains("2 days from the date of service", link.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_MemberIdsDiffer_SaysSoInTheReason()
    {
        var doc = Note("Okafor, Harriet", "AAA111", new DateOnly(1953, 7, 9), Dos);
        var link = new ChartLinker().Link(doc, new ClaimIdentity("BBB222", "Okafor", "Harriet", new DateOnly(1953, 7, 9), Dos));

        Assert.True(link.IsMatch);
        Assert.Contains("member ID differs: AAA111 vs BBB222", link.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_NameMatchesButDateOfBirthDiffers_DoesNotMatch()
    {
        var doc = Note("Harriet Okafor", null, new DateOnly(1953, 7, 9), Dos);
        var link = new ChartLinker().Link(doc, new ClaimIdentity(null, "OKAFOR", "HARRIET", new DateOnly(1980, 1, 1), Dos));

        Assert.False(link.IsMatch);
        Assert.Equal(IdentityMatch.None, link.Identity);
        Assert.Contains("date of birth differs", link.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_NoDateOfBirthOnEitherSide_MatchesByNameOnly()
    {
        var doc = Note("García-López, José", null, null, Dos);
        var link = new ChartLinker().Link(doc, new ClaimIdentity(null, "GARCIALOPEZ", "JOSE", null, Dos));

        Assert.True(link.IsMatch);
        Assert.Equal(IdentityMatch.NameOnly, link.Identity);
    }

    [Fact]
    public void Link_DifferentPatient_DoesNotMatch()
    {
        var doc = Note("Colette Ambrose", "AET771204455", null, Dos);
        var link = new ChartLinker().Link(doc, new ClaimIdentity("4TQ7HN2RX51", "OKAFOR", "HARRIET", null, Dos));

        Assert.False(link.IsMatch);
        Assert.Contains("does not match the claim", link.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_NoteOfTheNextWeeklySession_IsOutsideTheDefaultWindow()
    {
        var doc = Note("Thao Nguyen", "BHX20094417", null, Dos.AddDays(7));
        var link = new ChartLinker().Link(doc, new ClaimIdentity("BHX20094417", "NGUYEN", "THAO", null, Dos));

        Assert.False(link.IsMatch);
        Assert.Equal(IdentityMatch.MemberId, link.Identity);
        Assert.Equal(7, link.DaysFromService);
        Assert.Contains("outside the ±3-day window", link.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_WiderConfiguredWindow_AcceptsTheSameNote()
    {
        var doc = Note("Thao Nguyen", "BHX20094417", null, Dos.AddDays(-5));

        Assert.True(new ChartLinker(windowDays: 7).Link(doc, new ClaimIdentity("BHX20094417", null, null, null, Dos)).IsMatch);
    }

    [Fact]
    public void Link_DocumentWithoutDate_DoesNotMatch()
    {
        var doc = Note("Thao Nguyen", "BHX20094417", null, null);
        var link = new ChartLinker().Link(doc, new ClaimIdentity("BHX20094417", null, null, null, Dos));

        Assert.False(link.IsMatch);
        Assert.Null(link.DaysFromService);
        Assert.Contains("no encounter date", link.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_InsideMultiDayServiceRange_IsZeroDaysAway()
    {
        var doc = Note("Luis Beaumont", "ZGP903311427", null, new DateOnly(2026, 7, 23));
        var link = new ChartLinker().Link(doc, new ClaimIdentity("ZGP903311427", null, null, null, new DateOnly(2026, 7, 21), new DateOnly(2026, 7, 25)));

        Assert.True(link.IsMatch);
        Assert.Equal(0, link.DaysFromService);
    }

    [Fact]
    public void FindLinked_Fixtures_ReturnsOnlyThePatientsDocumentsNearestFirst()
    {
        var claim = new ClaimIdentity("BHX20094417", "NGUYEN", "THAO", new DateOnly(1990, 2, 17), new DateOnly(2026, 9, 12));
        var linked = new ChartLinker().FindLinked(ChartFixtures.All(), claim);

        Assert.Equal(["psy-note-20260912", "psy-plan-20260912"], linked.Select(l => l.Document.Id));
        Assert.All(linked, l => Assert.Equal(IdentityMatch.MemberId, l.Link.Identity));
    }

    [Theory]
    [InlineData("Doe, Jane A", "DOE", "JANE", true)]
    [InlineData("Jane A. Doe", "Doe", "Jane", true)]
    [InlineData("Doe Jane", "DOE", "JANE", true)]
    [InlineData("Jane Doe Jr.", "DOE", "JANE", true)]
    [InlineData("Jane Doe", "DOE", "JOHN", false)]
    [InlineData("Doe", "DOE", "JANE", false)]
    public void PersonName_SameAs_ComparesFamilyAndFirstGivenName(string written, string family, string given, bool expected)
    {
        var name = PersonName.Parse(written)!;

        Assert.Equal(expected, name.SameAs(PersonName.FromParts(family, given)!));
    }

    private static ChartDocument Note(string name, string? member, DateOnly? dob, DateOnly? date) =>
        new("n1", "Note", new PatientIdentity(member, name, dob), date, null, null, "n1.txt", "text");
}
