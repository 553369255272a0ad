using Renda.Platform.Http;

namespace Renda.Platform.Imaging;

/// <summary>The font captions are drawn with: setting <c>Imaging:CaptionFont</c> (a .ttf or TrueType-flavoured
/// .woff), else Noto Sans SC's Simplified Chinese subset from npm (@fontsource/noto-sans-sc). Characters
/// it lacks are looked up in the sibling subset files. Read once, on first use.</summary>
public sealed class CaptionFont(IConfiguration config, IWebHostEnvironment env, ILogger<CaptionFont> log)
{
    public const string DefaultFile = "noto-sans-sc-chinese-simplified-400-normal.woff";

    private readonly Lazy<FontSet?> _fonts = new(() => Load(config, env, log));

    /// <summary>The font set, or null when the font file cannot be found or read (logged once).</summary>
    public FontSet? Fonts => _fonts.Value;

    public static string? DefaultPath(string contentRoot) =>
        NpmModules.Find(contentRoot) is { } modules
            ? Path.Combine(modules, "@fontsource", "noto-sans-sc", "files", DefaultFile)
            : null;

    private static FontSet? Load(IConfiguration config, IWebHostEnvironment env, ILogger log)
    {
        var path = config["Imaging:CaptionFont"] is { Length: > 0 } configured ? configured : DefaultPath(env.ContentRootPath);
        if (path is null || !File.Exists(path))
        {
            log.LogError("Caption font not found at {Path}: set Imaging:CaptionFont or run the build (it installs npm packages)", path);
            return null;
        }
        try
        {
            return FontSet.Open(path, FontSet.SiblingSubsets(path));
        }
        catch (Exception e) when (e is FontFormatException or IOException)
        {
            log.LogError(e, "Caption font {Path} could not be read", path);
            return null;
        }
    }
}

public static class ImagingSetup
{
    public static IServiceCollection AddRendaImaging(this IServiceCollection services) =>
        services.AddSingleton<CaptionFont>();
}
