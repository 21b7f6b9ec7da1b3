using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entry.Server.Data.Migrations
{
    /// <summary>
    /// No schema change: the outbox's messages of cases still flagged "needs verification" that were never tried
    /// become held (state 3) until the case is verified. Those already tried may be at the national side; they stay.
    /// </summary>
    public partial class HoldFlaggedCasesMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "UPDATE \"NationalOutbox\" SET \"State\" = 3 WHERE \"State\" = 0 AND \"Attempts\" = 0 " +
                "AND \"CaseId\" IN (SELECT \"Id\" FROM \"CaseEntries\" WHERE \"Status\" = 1);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"NationalOutbox\" SET \"State\" = 0 WHERE \"State\" = 3;");
        }
    }
}
