using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Nothing on SQLite (kept so both providers' migrations stay in step): PostgreSQL's rollup insert triggers became
    /// statement triggers over a transition table (ADR 115); SQLite has no transition tables and keeps its row triggers.
    /// </summary>
    public partial class RollupStatementInsertTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
