using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexesCoverVoided : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Denials_Report_Open",
                table: "Denials");

            migrationBuilder.DropIndex(
                name: "IX_Denials_Report_Remittance",
                table: "Denials");

            migrationBuilder.CreateIndex(
                name: "IX_Denials_Report_Open",
                table: "Denials",
                columns: new[] { "Status", "PayerName", "Owner", "AssigneeUserId", "AppealDeadline", "RemittanceDate", "Amount", "Severity", "Action", "CreatedAt", "RenderingProviderNpi", "ProcedureCode", "Scenario", "Voided" });

            migrationBuilder.CreateIndex(
                name: "IX_Denials_Report_Remittance",
                table: "Denials",
                columns: new[] { "RemittanceDate", "PayerName", "RootCause", "Owner", "Status", "Amount", "RenderingProviderNpi", "ProcedureCode", "Scenario", "GroupCode", "ReasonCode", "Kind", "Voided", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Denials_Report_Open",
                table: "Denials");

            migrationBuilder.DropIndex(
                name: "IX_Denials_Report_Remittance",
                table: "Denials");

            migrationBuilder.CreateIndex(
                name: "IX_Denials_Report_Open",
                table: "Denials",
                columns: new[] { "Status", "PayerName", "Owner", "AssigneeUserId", "AppealDeadline", "RemittanceDate", "Amount", "Severity", "Action", "CreatedAt", "RenderingProviderNpi", "ProcedureCode", "Scenario" });

            migrationBuilder.CreateIndex(
                name: "IX_Denials_Report_Remittance",
                table: "Denials",
                columns: new[] { "RemittanceDate", "PayerName", "RootCause", "Owner", "Status", "Amount", "RenderingProviderNpi", "ProcedureCode", "Scenario", "GroupCode", "ReasonCode", "Kind" });
        }
    }
}
