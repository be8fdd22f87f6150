using AppealStudio.Core.Charts;
using AppealStudio.Core.Evidence;
using AppealStudio.Core.Tests.Charts;

namespace AppealStudio.Core.Tests.Evidence;

public class EvidenceRankerTests
{
    private static readonly IReadOnlyList<ChartDocument> Fixtures = ChartFixtures.All();

    [Fact]
    public void Rank_Modifier59_TopPassageIsTheContralateralKneeWithSeparatePortals()
    {
        var top = EvidenceRanker.Rank("modifier-59", Fixtures)[0];

        Assert.Equal("ortho-operative-report.md", top.DocumentId);
        Assert.StartsWith("Attention was then turned to the contralateral left knee", top.Text, StringComparison.Ordinal);
        Assert.Contains("distinct_site", top.Facts);
        Assert.Contains("separate_incision", top.Facts);
        Assert.Contains("laterality", top.Facts);
    }

    [Fact]
    public void Rank_Modifier25_TopPassagesAreThePlanWithManagementDecisions()
    {
        var ranked = EvidenceRanker.Rank("modifier-25", Fixtures);

        Assert.All(ranked.Take(2), p => Assert.Equal("cardiology-office-visit.txt", p.DocumentId));
        Assert.All(ranked.Take(2), p => Assert.Contains("medication_change", p.Facts));
        Assert.Contains(ranked.Take(2), p => p.Text.Contains("started apixaban 5 mg", StringComparison.Ordinal));
        Assert.Contains(ranked, p => p.Facts.Contains("separately_identifiable") && p.Text.Contains("93306", StringComparison.Ordinal));
        Assert.Contains(ranked, p => p.Facts.Contains("independent_interpretation"));
    }

    [Fact]
    public void Rank_PhysicalStatus_TopPassageIsTheSystemicDiseaseAndAsaClassIsNext()
    {
        var ranked = EvidenceRanker.Rank("physical-status", Fixtures);

        Assert.StartsWith("Medical history:", ranked[0].Text, StringComparison.Ordinal);
        Assert.Equal(["hba1c", "kidney_disease", "ejection_fraction", "obesity", "heart_failure", "sleep_apnea", "insulin_dependent", "cardiac_disease"], ranked[0].Facts);
        Assert.StartsWith("Assessment: ASA physical status III (P3)", ranked[1].Text, StringComparison.Ordinal);
        Assert.Contains("asa_class", ranked[1].Facts);
    }

    [Fact]
    public void Rank_SessionLength_TopPassageHasStartStopAndComputedDuration()
    {
        var top = EvidenceRanker.Rank("session-length", Fixtures)[0];

        Assert.Equal("psy-note-20260912", top.DocumentId);
        Assert.Equal("Session start: 2:05 PM\nSession end: 3:02 PM\nTotal psychotherapy time: 57 minutes face-to-face with the client.", top.Text);
        Assert.Equal(["start_time", "stop_time", "total_minutes", "duration 57 min"], top.Facts);
    }

    [Fact]
    public void Rank_MedicalNecessity_TopPassagesDocumentConservativeTreatmentWithDurations()
    {
        var ranked = EvidenceRanker.Rank("medical-necessity", Fixtures);

        Assert.All(ranked.Take(3), p => Assert.Contains("conservative_treatment", p.Facts));
        Assert.Contains(ranked, p => p.Text.Contains("10 weeks of physical therapy", StringComparison.Ordinal));
        Assert.Contains(ranked, p => p.Facts.Contains("imaging_findings") && p.Text.StartsWith("MRI of the lumbar spine", StringComparison.Ordinal));
        Assert.Contains(ranked, p => p.Facts.Contains("functional_limitation") && p.Text.Contains("Oswestry", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_Authorization_AddsTheAuthorizationReferenceToMedicalNecessityFacts()
    {
        var top = EvidenceRanker.Rank("authorization", Fixtures)[0];

        Assert.Contains("authorization_reference", top.Facts);
        Assert.Contains("PA-2026-118834", top.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("modifier-59")]
    [InlineData("modifier-25")]
    [InlineData("physical-status")]
    [InlineData("session-length")]
    [InlineData("medical-necessity")]
    [InlineData("authorization")]
    [InlineData("eligibility")]
    [InlineData("timely-filing")]
    public void Rank_EveryTopic_OffsetsQuoteTheDocumentExactly(string topic)
    {
        var byId = Fixtures.ToDictionary(d => d.Id);
        var ranked = EvidenceRanker.Rank(topic, Fixtures, max: 100);

        Assert.NotEmpty(ranked);
        foreach (var passage in ranked)
        {
            var text = byId[passage.DocumentId].Text;
            Assert.Equal(passage.Text, text.Substring(passage.Start, passage.End - passage.Start));
            Assert.All(passage.FactSpans, s => Assert.True(s.Start >= passage.Start && s.End <= passage.End && s.End > s.Start));
            Assert.All(passage.FactSpans, s => Assert.Contains(s.Label, passage.Facts));
        }

        Assert.Equal(ranked.Select(p => p.Score).OrderByDescending(s => s), ranked.Select(p => p.Score));
    }

    [Theory]
    [InlineData("modifier-59")]
    [InlineData("modifier-25")]
    [InlineData("physical-status")]
    [InlineData("session-length")]
    [InlineData("medical-necessity")]
    public void Rank_RoutineSkinCheck_RanksNothing(string topic)
    {
        var derm = ChartFixtures.ReadOne("dermatology-routine-visit.txt");

        Assert.Empty(EvidenceRanker.Rank(topic, [derm]));
    }

    [Fact]
    public void Rank_NegatedConditions_AreNotEvidence()
    {
        var note = ChartFixtures.FromText("Review of systems: patient denies COPD. No history of CHF or sleep apnea. Negative for dialysis.\n\nBMI 24.1, otherwise healthy.");
        var ranked = EvidenceRanker.Rank("physical-status", [note]);

        var only = Assert.Single(ranked);
        Assert.Equal(["obesity"], only.Facts);
    }

    [Fact]
    public void Rank_NegationDoesNotReachAcrossASentence()
    {
        var note = ChartFixtures.FromText("No chest pain. COPD on home oxygen.");

        Assert.Equal(["copd"], EvidenceRanker.Rank("physical-status", [note])[0].Facts);
    }

    [Theory]
    [InlineData("Session 14:05-15:02, individual psychotherapy.", "duration 57 min")]
    [InlineData("Time in: 12:50  Time out: 1:40", "duration 50 min")]
    [InlineData("Started at 9:58 am, ended at 10:51 am.", "duration 53 min")]
    public void Rank_SessionTimes_ComputeTheDuration(string text, string expected)
    {
        var passage = EvidenceRanker.Rank("session-length", [ChartFixtures.FromText(text)])[0];

        Assert.Contains(expected, passage.Facts);
    }

    [Fact]
    public void Rank_ImplausibleSessionLength_AddsNoDuration()
    {
        var passage = EvidenceRanker.Rank("session-length", [ChartFixtures.FromText("Start: 8:00 AM\nStop: 3:30 PM")])[0];

        Assert.DoesNotContain(passage.Facts, f => f.StartsWith("duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_UnknownTopic_ThrowsListingValidNames()
    {
        var ex = Assert.Throws<UnknownEvidenceTopicException>(() => EvidenceRanker.Rank("modifier-99", Fixtures));

        Assert.Contains("modifier-99", ex.Message, StringComparison.Ordinal);
        Assert.Contains("modifier-59", ex.ValidNames);
        Assert.Contains("session-length", ex.ValidNames);
        Assert.Contains("Valid names: modifier-59, modifier-25", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Coordination of benefits", "eligibility")]
    [InlineData("timely_filing", "general")]
    [InlineData("bundling/NCCI", "modifier-59")]
    [InlineData("MEDICAL-NECESSITY", "medical-necessity")]
    public void Resolve_RootCauseSpellings_FindTheirTopic(string name, string topic)
    {
        Assert.Equal(topic, EvidenceLexicon.Default.Resolve(name).Name);
    }

    [Fact]
    public void Rank_OnlyContextFacts_IsNotEvidence()
    {
        Assert.Empty(EvidenceRanker.Rank("modifier-59", [ChartFixtures.FromText("Left knee pain, follow up as needed.")]));
    }

    [Fact]
    public void Rank_Max_LimitsTheNumberOfPassages()
    {
        Assert.Equal(2, EvidenceRanker.Rank("general", Fixtures, max: 2).Count);
    }

    [Fact]
    public void Rank_Scores_FollowTheDocumentedFormula()
    {
        // distinct_site (3) + separate_incision (3), no digits: 3 + 3 + (2 - 1) = 7.
        var passage = EvidenceRanker.Rank("modifier-59", [ChartFixtures.FromText("Performed through a separate incision at a different site.")])[0];

        Assert.Equal(7, passage.Score);
        Assert.Equal(2, passage.FactSpans.Count);
    }

    [Fact]
    public void FromYaml_InvalidPattern_ThrowsNamingTheFact()
    {
        const string yaml = "topics:\n  - name: x\n    facts:\n      - label: broken\n        patterns: ['(unclosed']\n";

        var ex = Assert.Throws<EvidenceLexiconException>(() => EvidenceLexicon.FromYaml(yaml));
        Assert.Contains("broken", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromYaml_UnknownInclude_Throws()
    {
        const string yaml = "topics:\n  - name: x\n    include: [nothing]\n    facts:\n      - label: a\n        patterns: ['a']\n";

        Assert.Throws<EvidenceLexiconException>(() => EvidenceLexicon.FromYaml(yaml));
    }

    [Fact]
    public void FromYaml_CustomLexicon_IsUsedByTheRanker()
    {
        const string yaml = "topics:\n  - name: wound-care\n    facts:\n      - label: wound_size\n        weight: 2\n        patterns: ['\\d+(?:\\.\\d+)?\\s*x\\s*\\d+(?:\\.\\d+)?\\s*cm']\n";
        var lexicon = EvidenceLexicon.FromYaml(yaml);

        var passage = EvidenceRanker.Rank("wound-care", [ChartFixtures.FromText("Wound measures 3.2 x 1.5 cm.")], lexicon)[0];
        Assert.Equal(["wound_size"], passage.Facts);
        Assert.Equal(2.5, passage.Score);
    }
}
