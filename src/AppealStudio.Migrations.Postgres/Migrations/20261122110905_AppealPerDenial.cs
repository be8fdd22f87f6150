using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AppealPerDenial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_DenialId",
                table: "Appeals");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_DenialId",
                table: "Appeals",
                column: "DenialId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_DenialId",
                table: "Appeals");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_DenialId",
                table: "Appeals",
                column: "DenialId");
        }
    }
}
