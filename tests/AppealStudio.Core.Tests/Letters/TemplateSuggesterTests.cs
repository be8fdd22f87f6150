namespace AppealStudio.Core.Tests.Letters;

public class TemplateSuggesterTests
{
    [Fact]
    public void Suggest_Modifier59WithCarc97_PutsTheOrthoTemplateFirstWithAReason()
    {
        var suggestions = LetterSamples.Library.Suggest("modifier-59", "coding", "CO-97");

        Assert.Equal("ortho-modifier-59", suggestions[0].Template.Id);
        Assert.Equal("Matches scenario modifier-59, root cause coding and CARC 97.", suggestions[0].Reason);
        Assert.DoesNotContain(suggestions, s => s.Template.Id == "cardiology-modifier-25");
    }

    [Fact]
    public void Suggest_Modifier25_PutsTheCardiologyTemplateFirst()
    {
        var top = LetterSamples.Library.Suggest("modifier-25", null, "97")[0];

        Assert.Equal("cardiology-modifier-25", top.Template.Id);
        Assert.Equal("Matches scenario modifier-25 and CARC 97.", top.Reason);
    }

    [Fact]
    public void Suggest_AuthorizationWithoutScenario_PrefersTheGeneralRetroAuthorizationLetter()
    {
        var suggestions = LetterSamples.Library.Suggest(null, "authorization", "197");

        Assert.Equal("authorization-retro", suggestions[0].Template.Id);
        Assert.DoesNotContain(suggestions, s => s.Template.Id == "mental-health-session-authorization");
    }

    [Fact]
    public void Suggest_SessionLengthAuthorization_PrefersTheBehavioralHealthAuthorizationLetter()
    {
        var suggestions = LetterSamples.Library.Suggest("session-length", "authorization", "197");

        Assert.Equal("mental-health-session-authorization", suggestions[0].Template.Id);
        Assert.Equal("mental-health-session-length", suggestions[1].Template.Id);
        Assert.Equal("authorization-retro", suggestions[2].Template.Id);
    }

    [Theory]
    [InlineData(null, "timely-filing", "29", "timely-filing-proof")]
    [InlineData(null, "Medical necessity", "50", "medical-necessity")]
    [InlineData(null, "coordination of benefits", "22", "eligibility-cob")]
    [InlineData("physical-status", null, null, "anesthesia-physical-status")]
    public void Suggest_CommonDenials_FindTheirLetter(string? scenario, string? rootCause, string? carc, string expected)
    {
        Assert.Equal(expected, LetterSamples.Library.Suggest(scenario, rootCause, carc)[0].Template.Id);
    }

    [Fact]
    public void Suggest_NothingMatches_ReturnsEmpty()
    {
        Assert.Empty(LetterSamples.Library.Suggest(null, "no-such-cause", "999"));
    }
}
