using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Federation.Hub.Identity.Store.Migrations
{
    /// <inheritdoc />
    public partial class UpstreamSignIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UpstreamProvider",
                table: "hub_join_requests",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpstreamSubject",
                table: "hub_join_requests",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UpstreamProvider",
                table: "hub_join_requests");

            migrationBuilder.DropColumn(
                name: "UpstreamSubject",
                table: "hub_join_requests");
        }
    }
}
