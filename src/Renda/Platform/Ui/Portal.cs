namespace Renda.Platform.Ui;

/// <summary>A service the public portal offers on its home page (a module adds its own).</summary>
public sealed record PortalEntry(string Zh, string En, string DescriptionZh, string DescriptionEn, string Href);

public static class Portal
{
    /// <summary>Entries shown on the portal home, in order. Modules append theirs.</summary>
    public static readonly List<PortalEntry> Entries = [];

    /// <summary>The portal's heading: configuration <c>Portal:Name</c>, else a generic name.</summary>
    public static string Name(IConfiguration config, Lang lang) =>
        config["Portal:Name"] is { Length: > 0 } n ? n : lang["人大代表联络服务", "People's Congress liaison service"];
}
