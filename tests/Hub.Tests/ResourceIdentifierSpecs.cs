using System.Net;
using System.Net.Http.Json;
using Federation.Contracts.Hub;
using Federation.Testing;

namespace Federation.Hub.Tests;

/// <summary>A resource's identifier (its key at its publisher) is kept as given, checked, and finds the resource.</summary>
public sealed class ResourceIdentifierSpecs : StaffHubSpecs
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_hub_finds_resources_by_their_identifier_and_refuses_one_that_is_no_key()
    {
        var input = new ResourceInput { Kind = "dataset", Title = "Bodemkaart", Licence = "CC0-1.0", AccessPolicy = "open", Publisher = "WUR", Identifier = " bodem-2024 " };
        var created = await StaffApi.CreateResourceAsync(input, Cancellation).EnsureSuccessAsync();
        await StaffApi.CreateResourceAsync(input with { Title = "Iets anders", Identifier = "ander" }, Cancellation).EnsureSuccessAsync();

        var found = await StaffApi.FindByIdentifierAsync("bodem-2024", Cancellation).EnsureSuccessAsync();
        var none = await StaffApi.FindByIdentifierAsync("bestaat-niet", Cancellation).EnsureSuccessAsync();
        var refused = await StaffApi.CreateResourceAsync(input with { Identifier = "met\tregeleinde" }, Cancellation);
        var tooLong = await Staff.GetAsync($"/resources?identifier={new string('x', 201)}", Cancellation);

        Assert.Equal("bodem-2024", created.Identifier);
        Assert.Equal([created.Id], found.Items.Select(r => r.Id));
        Assert.Empty(none.Items);
        Assert.True(refused.Errors.ContainsKey("identifier"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(await tooLong.Content.ReadFromJsonAsync<object>(Cancellation));
    }
}
