using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Federation.Hub.Identity.Store.Migrations
{
    /// <inheritdoc />
    public partial class UniqueEmailAndOpenRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "hub_accounts");

            migrationBuilder.CreateIndex(
                name: "IX_hub_join_requests_UpstreamProvider_UpstreamSubject",
                table: "hub_join_requests",
                columns: new[] { "UpstreamProvider", "UpstreamSubject" },
                unique: true,
                filter: "\"UpstreamProvider\" IS NOT NULL AND \"State\" = 'pending'");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "hub_accounts",
                column: "NormalizedEmail",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_hub_join_requests_UpstreamProvider_UpstreamSubject",
                table: "hub_join_requests");

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "hub_accounts");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "hub_accounts",
                column: "NormalizedEmail");
        }
    }
}
