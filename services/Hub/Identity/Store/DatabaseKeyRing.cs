using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Federation.Hub.Identity.Store;

/// <summary>
/// The hub's data-protection keys (sign-in cookies, antiforgery tokens, sign-in forms) live in its database, so every
/// silo of a multi-silo hub reads what another wrote: a person signed in through one silo is signed in at all of
/// them, and a restart or a new pod keeps everyone signed in. The database is the hub's secret store already.
/// </summary>
internal sealed class DatabaseKeyRing(NpgsqlDataSource database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = database.CreateCommand("SELECT xml FROM hub_data_protection_keys ORDER BY created_at");
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = database.CreateCommand("INSERT INTO hub_data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    /// <summary>Points data protection at this key ring.</summary>
    public sealed class Setup(NpgsqlDataSource database) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options) => options.XmlRepository = new DatabaseKeyRing(database);
    }
}
