using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.SignOff;

/// <summary>A claim, its denial, a chart document and an appeal letter awaiting a physician's sign-off, inserted directly.</summary>
internal static class SignOffData
{
    public const string Narrative =
        "On 08/14/2026 the surgeon treated the right knee and then the contralateral left knee through separate portals [E1].";

    public const string Letter = """
        August 20, 2026

        Example Health Plan

        Dear Appeals Reviewer:

        We ask you to reconsider the denial of CPT 29880-XS-LT on the claim above.

        ## Clinical narrative

        On 08/14/2026 the surgeon treated the right knee and then the contralateral left knee through separate portals [E1].

        ## Supporting documentation from the medical record

        > "Attention was then turned to the contralateral left knee, which was separately prepped and draped." — Operative report, 08/14/2026 [E1]

        ## Request

        Please reprocess the claim.

        Sincerely,

        Dana Reyes, MD
        """;

    public static async Task<string> UserIdAsync(AppFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>Creates the letter assigned to <paramref name="physicianEmail"/>; returns the appeal id.</summary>
    public static async Task<long> CreateAsync(AppFactory factory, string physicianEmail = "physician@demo.local",
        AppealStatus status = AppealStatus.AwaitingSignOff, string letter = Letter)
    {
        var physicianId = await UserIdAsync(factory, physicianEmail);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..10];
        var import = new RemittanceImport { FileName = "signoff-test.835", FileSha256 = tag, ImportedAt = now, ImportedBy = "test", Status = ImportStatus.Completed };
        db.RemittanceImports.Add(import);
        await db.SaveChangesAsync();

        var dos = new DateOnly(2026, 8, 14);
        var claim = new Claim
        {
            Payment = new Payment { Import = import, ImportId = import.Id, PayerName = "EXAMPLE HEALTH PLAN", TraceNumber = "T-" + tag },
            ImportId = import.Id,
            PatientControlNumber = "SO-" + tag,
            PayerClaimNumber = "PCN-" + tag,
            StatusCode = "1",
            ChargeAmount = 3100m,
            PatientLastName = "TESTER",
            PatientFirstName = "PAT",
            PatientMemberId = "M" + tag,
            StatementFrom = dos,
            RenderingProviderNpi = "1234567893",
        };
        var denial = new Denial
        {
            Claim = claim,
            Kind = "coded",
            GroupCode = "CO",
            ReasonCode = "97",
            RemarkCodes = "N19",
            Amount = 3100m,
            PayerName = "EXAMPLE HEALTH PLAN",
            ProcedureCode = "29880",
            ServiceDate = dos,
            Severity = "hard",
            Action = "appeal",
            Category = "technical",
            RootCause = "documentation",
            Owner = "coder",
            Scenario = "modifier-59",
            RuleId = "test",
            Explanation = "test",
            Status = status == AppealStatus.AwaitingSignOff ? DenialStatus.AwaitingSignOff : DenialStatus.InProgress,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var document = new ChartDocument
        {
            Title = "Operative report",
            Author = "Dana Reyes, MD",
            PatientMemberId = claim.PatientMemberId,
            PatientLastName = "Tester",
            PatientFirstName = "Pat",
            EncounterDate = dos,
            SourceFileName = "op-" + tag + ".md",
            SourceFormat = "markdown",
            Text = "Operative report\n\nAttention was then turned to the contralateral left knee, which was separately prepped and draped.",
            ImportedAt = now,
        };
        var appeal = new Appeal
        {
            Denial = denial,
            TemplateId = "ortho-modifier-59",
            TemplateVersion = 1,
            Status = status,
            Markdown = letter,
            Version = 3,
            CreatedAt = now,
            UpdatedAt = now,
            SignOffRequestedToUserId = physicianId,
            SignOffRequestedAt = now,
            DraftAtSignOffRequest = letter,
        };
        db.AddRange(claim, denial, document, appeal);
        await db.SaveChangesAsync();
        db.AppealExcerpts.Add(new AppealExcerpt
        {
            AppealId = appeal.Id,
            ChartDocumentId = document.Id,
            Label = "E1",
            Start = 18,
            End = document.Text.Length,
            Text = document.Text[18..],
            Facts = "distinct_site, laterality",
            Slot = "distinct_site",
            Score = 7.5m,
        });
        db.LetterRevisions.Add(new LetterRevision { AppealId = appeal.Id, Number = 1, Markdown = letter, At = now, Actor = "specialist@demo.local", Kind = "draft" });
        await db.SaveChangesAsync();
        return appeal.Id;
    }

    public static Task<Appeal> LoadAsync(AppFactory factory, long id) =>
        factory.WithDbAsync(db => db.Appeals.AsNoTracking().Include(a => a.Denial).Include(a => a.Revisions).SingleAsync(a => a.Id == id));

    public static Task<int> AuditCountAsync(AppFactory factory, string action, long appealId) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
