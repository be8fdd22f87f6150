using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddWorklistIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Denials_Worklist_Counts",
                table: "Denials",
                columns: new[] { "Status", "AppealDeadline", "AssigneeUserId", "Amount", "Severity", "Action", "CreatedAt", "Voided" },
                filter: "NOT \"Voided\" AND \"Status\" NOT IN ('Submitted', 'Decided', 'WrittenOff')");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_FollowUpsDue",
                table: "Appeals",
                columns: new[] { "FollowUpOn", "DenialId" },
                filter: "\"Status\" = 'Submitted' AND \"Decision\" IS NULL AND \"FollowUpOn\" IS NOT NULL");

            // The worklist's default order (and My work's) on expressions, which EF cannot model (ADR 0110).
            migrationBuilder.Sql(AppealStudio.Data.Worklist.WorklistIndexes.CreateOrderIndex());
            migrationBuilder.Sql(AppealStudio.Data.Worklist.WorklistIndexes.CreateAssigneeOrderIndex());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppealStudio.Data.Worklist.WorklistIndexes.DropOrderIndex());
            migrationBuilder.Sql(AppealStudio.Data.Worklist.WorklistIndexes.DropAssigneeOrderIndex());

            migrationBuilder.DropIndex(
                name: "IX_Denials_Worklist_Counts",
                table: "Denials");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_FollowUpsDue",
                table: "Appeals");
        }
    }
}
