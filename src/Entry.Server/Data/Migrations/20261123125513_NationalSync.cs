using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entry.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class NationalSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Rejected",
                table: "ProgressCounters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Synced",
                table: "ProgressCounters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NationalAnsweredAt",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NationalErrors",
                table: "CaseEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NationalRecordId",
                table: "CaseEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NationalState",
                table: "CaseEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Skipped entry numbers hold no case: nothing to send.
            migrationBuilder.Sql("UPDATE \"CaseEntries\" SET \"NationalState\" = 3 WHERE \"Status\" = 3;");

            migrationBuilder.CreateTable(
                name: "NationalOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NationalOutbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_TeamId_NationalState",
                table: "CaseEntries",
                columns: new[] { "TeamId", "NationalState" });

            migrationBuilder.CreateIndex(
                name: "IX_NationalOutbox_CaseId",
                table: "NationalOutbox",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_NationalOutbox_IdempotencyKey",
                table: "NationalOutbox",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NationalOutbox_State_NextAttemptAt",
                table: "NationalOutbox",
                columns: new[] { "State", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NationalOutbox");

            migrationBuilder.DropIndex(
                name: "IX_CaseEntries_TeamId_NationalState",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "Rejected",
                table: "ProgressCounters");

            migrationBuilder.DropColumn(
                name: "Synced",
                table: "ProgressCounters");

            migrationBuilder.DropColumn(
                name: "NationalAnsweredAt",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "NationalErrors",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "NationalRecordId",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "NationalState",
                table: "CaseEntries");
        }
    }
}
