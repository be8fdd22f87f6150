using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RptClaimRateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Denials_ClaimId",
                table: "Denials");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Report_Payment",
                table: "Claims");

            migrationBuilder.CreateIndex(
                name: "IX_Denials_Report_Claim",
                table: "Denials",
                columns: new[] { "ClaimId", "Voided" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Report_Payment",
                table: "Claims",
                columns: new[] { "PaymentId", "IsReversal", "Voided", "ChargeAmount", "RenderingProviderNpi", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Denials_Report_Claim",
                table: "Denials");

            migrationBuilder.DropIndex(
                name: "IX_Claims_Report_Payment",
                table: "Claims");

            migrationBuilder.CreateIndex(
                name: "IX_Denials_ClaimId",
                table: "Denials",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Report_Payment",
                table: "Claims",
                columns: new[] { "PaymentId", "IsReversal", "ChargeAmount", "RenderingProviderNpi" });
        }
    }
}
