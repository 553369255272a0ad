using Renda.Platform.Ui;

namespace Renda.Modules.Opinions;

/// <summary>The citizen's entries on the portal home: write, follow, and see what was done.</summary>
public static class PublicOpinionPortal
{
    public const string FormPath = "/p/opinion", TrackPath = "/p/t", DisclosuresPath = "/p/disclosures";

    public static void AddEntries()
    {
        lock (Portal.Entries)
        {
            if (Portal.Entries.Any(e => e.Href == FormPath)) return;
            Portal.Entries.Add(new PortalEntry("我要反映", "Tell us your views", "反映意见建议，无需注册", "Raise a problem, no account needed", FormPath));
            Portal.Entries.Add(new PortalEntry("查询办理进度", "Follow your opinion", "凭查询码查看办理情况并评价", "See its progress with your tracking code, and rate the reply", TrackPath));
            Portal.Entries.Add(new PortalEntry("办理结果公示", "Published results", "已办结意见建议的办理情况", "How closed opinions were handled", DisclosuresPath));
        }
    }
}
