using System.Net;
using Federation.Hub.Harvest;

namespace Federation.Hub.Tests;

/// <summary>Which addresses a harvest may connect to when private ones are not allowed: none of the hub's own network, however spelled.</summary>
public sealed class SourceAddressSpecs
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.0.8")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:7f00:1::")]
    [InlineData("::10.0.0.1")]
    public void A_private_loopback_or_embedded_private_address_is_not_public(string address) =>
        Assert.False(SourceAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("145.97.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2a00:1450:4001::1")]
    [InlineData("64:ff9b::808:808")]
    public void A_public_address_is_public(string address) =>
        Assert.True(SourceAddresses.IsPublic(IPAddress.Parse(address)));
}
