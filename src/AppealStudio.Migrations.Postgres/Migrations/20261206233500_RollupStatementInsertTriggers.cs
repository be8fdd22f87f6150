using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Hand-written (no model change): the rollup insert triggers of denials, claims and service lines mark their
    /// months once per statement instead of once per row (ADR 115).
    /// </summary>
    public partial class RollupStatementInsertTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppealStudio.Data.Reports.Rollups.RollupTriggers.CreatePostgresStatementInsertTriggers());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppealStudio.Data.Reports.Rollups.RollupTriggers.DropPostgresStatementInsertTriggers());
        }
    }
}
