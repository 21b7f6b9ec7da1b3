using Entry.Server.Jobs;
﻿using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entry.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScaleOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LeasedUntil",
                table: "NationalOutbox",
                type: "bigint",
                nullable: true);

            // The clustered scheduler's tables (Quartz.NET's ADO.NET job store), in the same database.
            migrationBuilder.Sql(QuartzSchema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(QuartzSchema.Drop);
            migrationBuilder.DropColumn(
                name: "LeasedUntil",
                table: "NationalOutbox");
        }
    }
}
