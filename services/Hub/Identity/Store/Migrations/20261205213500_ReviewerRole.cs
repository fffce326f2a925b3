using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Federation.Hub.Identity.Store.Migrations
{
    /// <summary>
    /// The role of a compute facility's reviewers (<see cref="Accounts.HubRoles.Reviewer"/>). Data only: the model is
    /// unchanged, so this step has no model of its own and the snapshot stays as it was.
    /// </summary>
    [DbContext(typeof(IdentityDbContext))]
    [Migration("20261205213500_ReviewerRole")]
    public partial class ReviewerRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO hub_roles ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
                SELECT gen_random_uuid(), 'compute-reviewer', 'COMPUTE-REVIEWER', gen_random_uuid()::text
                WHERE NOT EXISTS (SELECT 1 FROM hub_roles WHERE "NormalizedName" = 'COMPUTE-REVIEWER');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM hub_roles WHERE "NormalizedName" = 'COMPUTE-REVIEWER';""");
        }
    }
}
