using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleVoidImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PurgedAt",
                table: "RemittanceImports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "RemittanceImports",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VoidedAt",
                table: "RemittanceImports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "RemittanceImports",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Denials",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Claims",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PurgedAt",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "Voided",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "Voided",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "Voided",
                table: "Claims");
        }
    }
}
