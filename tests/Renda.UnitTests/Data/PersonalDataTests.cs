using System.Security.Cryptography;
using Renda.Platform.Data;

namespace Renda.UnitTests.Data;

public sealed class PersonalDataTests
{
    private static readonly PersonalData Protector = new(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());

    [Fact]
    public void Round_trips_and_never_stores_the_plain_value()
    {
        var stored = Protector.Protect("13812348000")!;
        Assert.StartsWith("v1:", stored);
        Assert.DoesNotContain("13812348000", stored);
        Assert.NotEqual(stored, Protector.Protect("13812348000"));   // a fresh nonce each time
        Assert.Equal("13812348000", Protector.Unprotect(stored));
        Assert.Null(Protector.Protect(null));
    }

    [Fact]
    public void A_tampered_value_or_another_key_fails_loudly()
    {
        var stored = Protector.Protect("330523198001010011")!;
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => Protector.Unprotect("v1:" + Convert.ToBase64String(bytes)));
        var other = new PersonalData(RandomNumberGenerator.GetBytes(64));
        Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(stored));
    }

    [Fact]
    public void Blind_index_is_stable_per_key_and_differs_between_values_and_keys()
    {
        Assert.Equal(Protector.BlindIndex("13812348000"), Protector.BlindIndex("13812348000"));
        Assert.NotEqual(Protector.BlindIndex("13812348000"), Protector.BlindIndex("13812348001"));
        Assert.NotEqual(Protector.BlindIndex("13812348000"), new PersonalData(RandomNumberGenerator.GetBytes(64)).BlindIndex("13812348000"));
        Assert.Equal(32, Protector.BlindIndex("x")!.Length);
    }
}
