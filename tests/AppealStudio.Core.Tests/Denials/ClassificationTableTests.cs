using AppealStudio.Core.Denials;
using AppealStudio.Tests.Shared;

namespace AppealStudio.Core.Tests.Denials;

public class ClassificationTableTests
{
    private const string Header = "group,carc,rarc,modifiers,severity,action,category,root_cause,owner,explanation\n";

    private static readonly ClassificationTable Layered = ClassificationTable.FromCsv(
        Header
        + "*,16,,,soft,resubmit,technical,other,biller,any group any remark\n"
        + "*,16,M51,,soft,resubmit,technical,coding,coder,any group with M51\n"
        + "CO,16,,,soft,resubmit,technical,demographic,front-desk,CO any remark\n"
        + "CO,16,N56,,hard,appeal,technical,coding,coder,CO with N56\n"
        + "*,97,,,soft,resubmit,technical,coding,coder,plain bundling\n"
        + "*,97,,59 XS,hard,appeal,technical,documentation,coder,bundled despite {modifier}\n");

    [Fact]
    public void Default_LoadsEmbeddedTable_WithReviewedRows()
    {
        var table = ClassificationTable.Default;

        Assert.True(table.Rules.Count > 150);
        Assert.All(table.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Explanation)));
        Assert.Equal(table.Rules.Count, table.Rules.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [SharedFact]
    public void Default_EveryCarcInReference_HasAnyGroupRow()
    {
        var carcs = File.ReadAllLines(Path.Combine(SharedFolder.DomainDirectory, "carc_classification.csv"))
            .Skip(1)
            .Select(l => l.Split(',')[0])
            .ToList();

        Assert.True(carcs.Count > 100);
        var missing = carcs.Where(c => !ClassificationTable.Default.Rules.Any(
            r => r.Group == "*" && r.Carc == c && r.Rarc is null && r.Modifiers.Count == 0)).ToList();
        Assert.Empty(missing);
    }

    [SharedFact]
    public void Default_WhereReferenceActionClassIsUnambiguous_AgreesWithIt()
    {
        // The review changed rows where REFERENCE offers two outcomes; where it offers exactly one, the table must match.
        var expected = new Dictionary<string, (Severity Severity, RecommendedAction Action)>(StringComparer.Ordinal)
        {
            ["SOFT"] = (Severity.Soft, RecommendedAction.Resubmit),
            ["REDIRECT"] = (Severity.Soft, RecommendedAction.Redirect),
            ["HARD/APPEAL"] = (Severity.Hard, RecommendedAction.Appeal),
            ["HARD/WRITE-OFF"] = (Severity.Hard, RecommendedAction.WriteOff),
            ["NOT-DENIAL/PR"] = (Severity.Soft, RecommendedAction.None),
            ["NOT-DENIAL/ADJ"] = (Severity.Soft, RecommendedAction.None),
            ["INFO/PENDING"] = (Severity.Soft, RecommendedAction.None),
        };
        var rows = ReadReferenceRows();
        var checkedRows = 0;
        foreach (var (carc, actionClass) in rows)
        {
            if (!expected.TryGetValue(actionClass, out var want))
            {
                continue;
            }

            var rule = ClassificationTable.Default.Match("CO", carc, [], []).Rule;
            Assert.True(want == (rule.Severity, rule.Action), $"CARC {carc} ({actionClass}) is {rule.Severity}/{rule.Action}");
            checkedRows++;
        }

        Assert.True(checkedRows > 40, $"only {checkedRows} unambiguous rows checked");
    }

    [Theory]
    [InlineData("CO", "N56", "CO with N56")]
    [InlineData("CO", null, "CO any remark")]
    [InlineData("PR", "M51", "any group with M51")]
    [InlineData("PR", null, "any group any remark")]
    public void Match_LayeredRows_MostSpecificLevelWins(string group, string? remark, string expected)
    {
        var match = Layered.Match(group, "16", remark is null ? [] : [remark], []);

        Assert.Equal(expected, match.Rule.Explanation);
        Assert.Equal(remark, match.MatchedRarc);
        Assert.False(match.IsFallback);
    }

    [Fact]
    public void Match_WildcardRowWithRarc_BeatsGroupRowWithout()
    {
        // Precedence (issue 15): (group, CARC, RARC) > (*, CARC, RARC) > (group, CARC) > (*, CARC). The old order put
        // (group, CARC) first, so a remark the payer sent could be ignored because a group row existed.
        var match = Layered.Match("CO", "16", ["M51"], []);

        Assert.Equal("any group with M51", match.Rule.Explanation);
        Assert.Equal("M51", match.MatchedRarc);
    }

    [Fact]
    public void Match_SeveralMatchingRemarks_RemitOrderDoesNotChangeTheAnswer()
    {
        // The row listed first in the table wins; the order in which the payer listed its remarks does not matter (the
        // old rule let the first-listed remark win, so the same denial could be classified two ways).
        var table = ClassificationTable.FromCsv(
            Header
            + "*,16,M51,,soft,resubmit,technical,coding,coder,M51 row\n"
            + "*,16,MA27,,soft,resubmit,administrative,eligibility,front-desk,MA27 row\n");

        Assert.Equal("M51 row", table.Match("CO", "16", ["N1", "MA27", "M51"], []).Rule.Explanation);
        Assert.Equal("M51 row", table.Match("CO", "16", ["M51", "MA27"], []).Rule.Explanation);
        Assert.Equal("MA27 row", table.Match("CO", "16", ["MA27"], []).Rule.Explanation);
    }

    [Fact]
    public void Match_ModifierRowWithoutRarc_IsNotLostBehindARarcRow()
    {
        var table = ClassificationTable.FromCsv(
            Header
            + "*,97,,,soft,resubmit,technical,coding,coder,plain\n"
            + "*,97,M15,,hard,write-off,technical,coding,coder,M15 without modifier\n"
            + "*,97,,59,hard,appeal,technical,documentation,coder,modifier row\n"
            + "*,97,N525,59,soft,resubmit,technical,coding,coder,N525 with modifier\n");

        Assert.Equal("modifier row", table.Match("CO", "97", ["M15"], ["59"]).Rule.Explanation);
        Assert.Equal("M15 without modifier", table.Match("CO", "97", ["M15"], ["GP"]).Rule.Explanation);
        Assert.Equal("N525 with modifier", table.Match("CO", "97", ["M15", "N525"], ["59"]).Rule.Explanation);
    }

    [Theory]
    [InlineData(new[] { "RT", "59" }, "59")]
    [InlineData(new[] { "XS" }, "XS")]
    public void Match_LineCarriesListedModifier_ModifierRowWins(string[] modifiers, string expectedModifier)
    {
        var match = Layered.Match("CO", "97", [], modifiers);

        Assert.Equal(Severity.Hard, match.Rule.Severity);
        Assert.Equal(expectedModifier, match.MatchedModifier);
    }

    [Fact]
    public void Match_LineWithoutListedModifier_PlainRowWins()
    {
        var match = Layered.Match("CO", "97", [], ["RT", "XE"]);

        Assert.Equal("plain bundling", match.Rule.Explanation);
        Assert.Null(match.MatchedModifier);
    }

    [Fact]
    public void Match_UnknownCarc_ReturnsFallback()
    {
        var match = Layered.Match("CO", "B99", [], []);

        Assert.True(match.IsFallback);
        Assert.Same(Layered.Fallback, match.Rule);
        Assert.Equal(Severity.Hard, match.Rule.Severity);
        // A person looks: an unreviewed code is not an appeal (the old fallback said appeal).
        Assert.Equal(RecommendedAction.None, match.Rule.Action);
        Assert.Equal(RootCause.Other, match.Rule.RootCause);
        Assert.Equal(Owner.Biller, match.Rule.Owner);
    }

    [Fact]
    public void Match_CodesInLowerCaseWithBlanks_AreNormalized()
    {
        var match = Layered.Match(" co ", "16", [" n56"], []);

        Assert.Equal("CO with N56", match.Rule.Explanation);
    }

    [Fact]
    public void WithOverrides_SameKey_ReplacesRowAndLeavesOriginalUntouched()
    {
        var replacement = new ClassificationRule(
            "*", "97", null, [], Severity.Hard, RecommendedAction.WriteOff, DenialCategory.Technical,
            RootCause.Coding, Owner.Coder, "Practice policy: never rebill bundled lines.");

        var overridden = Layered.WithOverrides([replacement]);

        Assert.Equal(Layered.Rules.Count, overridden.Rules.Count);
        Assert.Equal(RecommendedAction.WriteOff, overridden.Match("CO", "97", [], []).Rule.Action);
        Assert.Equal(RecommendedAction.Resubmit, Layered.Match("CO", "97", [], []).Rule.Action);
        Assert.Equal(Severity.Hard, overridden.Match("CO", "97", [], ["59"]).Rule.Severity);
    }

    [Fact]
    public void WithOverrides_NewKey_AddsRowThatTakesPrecedence()
    {
        var addition = new ClassificationRule(
            "oa", "16", "m51", [], Severity.Soft, RecommendedAction.Resubmit, DenialCategory.Technical,
            RootCause.Coding, Owner.Coder, "OA-16 with M51 at this practice.");

        var overridden = Layered.WithOverrides([addition]);

        Assert.Equal(Layered.Rules.Count + 1, overridden.Rules.Count);
        var match = overridden.Match("OA", "16", ["M51"], []);
        Assert.Equal("OA-16 + M51", match.Rule.Id);
    }

    [Fact]
    public void WithOverrides_SameKeyTwice_Throws()
    {
        var rule = new ClassificationRule(
            "*", "97", null, [], Severity.Hard, RecommendedAction.WriteOff, DenialCategory.Technical,
            RootCause.Coding, Owner.Coder, "x");

        Assert.Throws<ArgumentException>(() => Layered.WithOverrides([rule, rule with { Explanation = "y" }]));
    }

    [Theory]
    [InlineData("XX", "16", null, "Group")]
    [InlineData("CO", "", null, "CARC")]
    [InlineData("CO", "16", "M-51", "RARC")]
    public void WithOverrides_InvalidCodes_ThrowsNamingTheField(string group, string carc, string? rarc, string field)
    {
        var rule = new ClassificationRule(
            group, carc, rarc, [], Severity.Soft, RecommendedAction.Resubmit, DenialCategory.Technical,
            RootCause.Coding, Owner.Coder, "x");

        var ex = Assert.Throws<ArgumentException>(() => Layered.WithOverrides([rule]));
        Assert.Contains(field, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FromCsv_InvalidVocabularyValue_ThrowsNamingLineAndAllowedCodes()
    {
        var csv = "# comment line\n" + Header
            + "*,16,,,soft,resubmit,technical,other,biller,fine\n"
            + "*,18,,,soft,rebill,technical,other,biller,bad action\n";

        var ex = Assert.Throws<DataFileException>(() => ClassificationTable.FromCsv(csv, "overrides.csv"));

        Assert.Equal(4, ex.Line);
        Assert.Equal("overrides.csv", ex.SourceName);
        Assert.StartsWith("overrides.csv, line 4:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'rebill'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("write-off", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_UnquotedCommaInExplanation_ThrowsFieldCountError()
    {
        var csv = Header
            + "*,16,,,soft,resubmit,technical,other,biller,\"quoted, fine\"\n"
            + "*,18,,,soft,resubmit,technical,other,biller,unquoted, broken\n";

        var ex = Assert.Throws<DataFileException>(() => ClassificationTable.FromCsv(csv));

        Assert.Equal(3, ex.Line);
        Assert.Contains("expected 10 fields but found 11", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_MissingColumn_ThrowsNamingIt()
    {
        var csv = "group,carc,rarc,modifiers,severity,action,category,owner,explanation\n";

        var ex = Assert.Throws<DataFileException>(() => ClassificationTable.FromCsv(csv));

        Assert.Equal(1, ex.Line);
        Assert.Contains("root_cause", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_DuplicateKey_ThrowsNamingBothLines()
    {
        var csv = Header
            + "*,16,,,soft,resubmit,technical,other,biller,first\n"
            + "*,97,,,soft,resubmit,technical,coding,coder,other\n"
            + "*,16,,,hard,appeal,technical,other,biller,second\n";

        var ex = Assert.Throws<DataFileException>(() => ClassificationTable.FromCsv(csv));

        Assert.Equal(4, ex.Line);
        Assert.Contains("*-16", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_QuotedMultiLineExplanation_ReportsLaterErrorsOnTheirPhysicalLine()
    {
        var csv = Header
            + "*,16,,,soft,resubmit,technical,other,biller,\"two\nlines\"\n"
            + "*,18,,,soft,resubmit,technical,nope,biller,bad root cause\n";

        var ex = Assert.Throws<DataFileException>(() => ClassificationTable.FromCsv(csv));

        Assert.Equal(4, ex.Line);
        Assert.Contains("root_cause", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_EmptyText_Throws()
    {
        var ex = Assert.Throws<DataFileException>(() => ClassificationTable.FromCsv(string.Empty));
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void ToCsv_DefaultTable_RoundTripsEveryRow()
    {
        var original = ClassificationTable.Default;

        var copy = ClassificationTable.FromCsv(original.ToCsv());

        Assert.Equal(original.Rules.Count, copy.Rules.Count);
        foreach (var (a, b) in original.Rules.Zip(copy.Rules))
        {
            Assert.Equal(a.Key, b.Key);
            Assert.Equal(
                (a.Severity, a.Action, a.Category, a.RootCause, a.Owner, a.Explanation),
                (b.Severity, b.Action, b.Category, b.RootCause, b.Owner, b.Explanation));
        }
    }

    [Fact]
    public void FromCsv_LiabilityColumn_IsReadAndWrittenBack()
    {
        var csv = "group,carc,rarc,modifiers,severity,action,category,root_cause,owner,liability,explanation\n"
            + "*,209,,,soft,redirect,administrative,coordination-of-benefits,biller,other-payer,next payer\n"
            + "*,4,,,soft,resubmit,technical,coding,coder,,by group\n";

        var table = ClassificationTable.FromCsv(csv);

        Assert.Equal([Liability.OtherPayer, (Liability?)null], table.Rules.Select(r => r.Liability));
        Assert.Equal(table.Rules.Select(r => r.Liability), ClassificationTable.FromCsv(table.ToCsv()).Rules.Select(r => r.Liability));
    }

    [Fact]
    public void FromCsv_UnknownLiability_ThrowsNamingTheAllowedCodes()
    {
        var csv = "group,carc,rarc,modifiers,severity,action,category,root_cause,owner,liability,explanation\n"
            + "*,209,,,soft,redirect,administrative,coordination-of-benefits,biller,medicaid,next payer\n";

        var ex = Assert.Throws<DataFileException>(() => ClassificationTable.FromCsv(csv));

        Assert.Equal(2, ex.Line);
        Assert.Contains("other-payer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShadowedBy_GroupBlindModifierOverride_NamesTheRarcRowsItOutranks()
    {
        var candidate = new ClassificationRule("*", "16", null, ["GP"], Severity.Hard, RecommendedAction.WriteOff,
            DenialCategory.Technical, RootCause.Coding, Owner.Coder, "practice rule");

        var shadowed = Layered.ShadowedBy(candidate).Select(r => r.Id).ToList();

        // A modifier row outranks every row without one for the lines that carry the modifier.
        Assert.Equal(["*-16", "*-16 + M51", "CO-16", "CO-16 + N56"], shadowed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ShadowedBy_NarrowOverride_ShadowsNothing_AndSameKeyIsAReplacementNotAShadow()
    {
        var narrow = new ClassificationRule("PR", "16", "M51", [], Severity.Soft, RecommendedAction.None,
            DenialCategory.Technical, RootCause.Coding, Owner.Coder, "PR-16 + M51 only");
        var sameKey = Layered.Rules.First(r => r.Id == "CO-16") with { Explanation = "changed" };

        Assert.Equal(["*-16 + M51"], Layered.ShadowedBy(narrow).Select(r => r.Id));
        Assert.DoesNotContain(Layered.ShadowedBy(sameKey), r => r.Key == sameKey.Key);
    }

    [Fact]
    public void ContentVersion_ChangesWithAnyRow_AndIsStableOtherwise()
    {
        var same = ClassificationTable.FromCsv(Layered.ToCsv());
        var changed = Layered.WithOverrides([Layered.Rules[0] with { Explanation = "edited" }]);

        Assert.Equal(Layered.ContentVersion, same.ContentVersion);
        Assert.NotEqual(Layered.ContentVersion, changed.ContentVersion);
        Assert.Matches("^[0-9a-f]{12}$", Layered.ContentVersion);
        Assert.Contains(ClassificationTable.Default.ContentVersion, AssessmentRules.Current, StringComparison.Ordinal);
        Assert.StartsWith(AssessmentRules.LogicVersion, AssessmentRules.Current, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_EveryRowThatWritesOffOrBillsIsSplitByGroupWhereThePatientCouldOweIt()
    {
        // For each CARC with a PR row, the group-blind row must not be what a PR denial gets: PR is never written off.
        var table = ClassificationTable.Default;
        foreach (var pr in table.Rules.Where(r => r.Group == "PR"))
        {
            var match = table.Match("PR", pr.Carc, pr.Rarc is null ? [] : [pr.Rarc], pr.Modifiers.Count == 0 ? [] : [pr.Modifiers[0]]);
            Assert.Equal("PR", match.Rule.Group);
            Assert.NotEqual(RecommendedAction.WriteOff, match.Rule.Action);
        }

        // And no CO row tells the team to bill the patient as the way to collect.
        Assert.All(table.Rules.Where(r => r.Group == "CO"), r => Assert.DoesNotContain("Bill the patient", r.Explanation, StringComparison.Ordinal));
    }

    [Fact]
    public void WithFallback_CustomRule_IsUsedForUnknownCodes()
    {
        var fallback = ClassificationTable.DefaultFallback with { Severity = Severity.Soft, Owner = Owner.Coder };

        var match = Layered.WithFallback(fallback).Match("CO", "ZZ9", [], []);

        Assert.True(match.IsFallback);
        Assert.Equal(Owner.Coder, match.Rule.Owner);
    }

    private static List<(string Carc, string ActionClass)> ReadReferenceRows()
    {
        using var reader = new StreamReader(Path.Combine(SharedFolder.DomainDirectory, "carc_classification.csv"));
        var text = reader.ReadToEnd();
        var rows = new List<(string, string)>();
        foreach (var line in text.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            var fields = SplitCsvLine(line);
            rows.Add((fields[0], fields[4].Trim()));
        }

        return rows;
    }

    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
