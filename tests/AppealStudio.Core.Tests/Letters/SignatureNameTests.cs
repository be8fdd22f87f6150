using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

public class SignatureNameTests
{
    [Theory]
    [InlineData("Dana Reyes", "Dana Reyes, MD")]
    [InlineData("dana  reyes md", "Dana Reyes, MD")]
    [InlineData("  DANA REYES, M.D. ", "Dana Reyes, MD")]
    [InlineData("Dr. Dana Reyes", "Dana Reyes, MD")]
    [InlineData("Dana Reyes, MD, FACS", "Dana Reyes, MD")]
    [InlineData("Dana Reyes", "Dana Reyes")]
    [InlineData("Sean O'Brien PA-C", "Sean OBrien, PA-C")]
    [InlineData("Ana Smith-Jones", "Ana Smith Jones, DO")]
    [InlineData("Jose Alvarez", "José Álvarez, MD")]
    public void Matches_SameNameWrittenDifferently_IsAccepted(string typed, string account) =>
        Assert.True(SignatureName.Matches(typed, account), $"'{typed}' should sign for '{account}'");

    [Theory]
    [InlineData("Dan Reyes", "Dana Reyes, MD")]
    [InlineData("Dana", "Dana Reyes, MD")]
    [InlineData("Reyes", "Dana Reyes, MD")]
    [InlineData("Dana Reyes Jr", "Dana Reyes, MD")]
    [InlineData("Pat Tester", "Dana Reyes, MD")]
    [InlineData("", "Dana Reyes, MD")]
    [InlineData("MD", "Dana Reyes, MD")]
    [InlineData(null, "Dana Reyes, MD")]
    public void Matches_AnotherName_IsRefused(string? typed, string account) =>
        Assert.False(SignatureName.Matches(typed, account), $"'{typed}' must not sign for '{account}'");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Matches_AccountWithoutAName_RefusesEvenAnEmptyTypedName(string? account) =>
        Assert.False(SignatureName.Matches(account, account));

    [Fact]
    public void Normalize_KeepsASingleWordNameThatLooksLikeACredential() =>
        // "Do" alone is a name, not a credential to strip: the last word always stays.
        Assert.Equal("do", SignatureName.Normalize("Do"));
}
