using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleVoidImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PurgedAt",
                table: "RemittanceImports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "RemittanceImports",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "RemittanceImports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "RemittanceImports",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Payments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Denials",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Claims",
                type: "boolean",
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
