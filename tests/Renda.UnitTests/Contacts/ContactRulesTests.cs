using Renda.Modules.Contacts;
using Renda.Platform.Auth;
using Renda.Platform.Spreadsheets;

namespace Renda.UnitTests.Contacts;

/// <summary>The small rules of 双联: who sees a voter in full, how levels and kinds are named, what a cell can hold.</summary>
public sealed class ContactRulesTests
{
    private sealed class User(string[] roles, long? representativeId = null) : ICurrentUser
    {
        public string? UserId => "u1";
        public string? UserName => "someone";
        public IReadOnlyList<string> Roles => roles;
        public string? ScopeCode => "330523";
        public string? ClientIp => null;
        public long? UnitId => null;
        public long? RepresentativeId => representativeId;
        public long? StationId => null;
        public bool IsInRole(string role) => roles.Contains(role);
    }

    [Theory]
    [InlineData(Roles.CongressStaff, null, "欧阳娜娜", "回电 13905721234")]
    [InlineData(Roles.Leader, null, "欧阳娜娜", "回电 13905721234")]
    [InlineData(Roles.Representative, 7L, "欧阳娜娜", "回电 13905721234")]   // their own voter
    [InlineData(Roles.Representative, 8L, "欧***", "回电 139****1234")]     // someone else's
    [InlineData(Roles.StationManager, null, "欧***", "回电 139****1234")]
    public void Staff_and_the_owning_representative_see_voters_in_full_others_masked(string role, long? rep, string name, string notes)
    {
        var viewer = ContactViewer.Of(new User([role], rep));
        Assert.Equal(name, viewer.VoterName("欧阳娜娜", representativeId: 7));
        Assert.Equal(notes, viewer.Notes("回电 13905721234", representativeId: 7));
    }

    [Fact]
    public void Only_a_plain_representative_is_limited_to_their_own_pairings()
    {
        Assert.True(ContactViewer.Of(new User([Roles.Representative], 7)).OwnOnly);
        Assert.False(ContactViewer.Of(new User([Roles.CongressStaff])).OwnOnly);
        Assert.False(ContactViewer.Of(new User([Roles.StationManager])).OwnOnly);
        // A representative link counts only with the representative role.
        Assert.Null(ContactViewer.Of(new User([Roles.StationManager], 7)).RepresentativeId);
        Assert.True(ContactViewer.Of(new User([Roles.CongressStaff])).IsManager);
        Assert.False(ContactViewer.Of(new User([Roles.Leader])).IsManager);
    }

    [Theory]
    [InlineData("committee", ContactLevel.Committee)]
    [InlineData(" Representative ", ContactLevel.Representative)]
    public void Levels_parse_from_their_wire_names(string text, ContactLevel level)
    {
        Assert.True(ContactLabels.TryParseLevel(text, out var parsed));
        Assert.Equal(level, parsed);
        Assert.Equal(text.Trim().ToLowerInvariant(), ContactLabels.LevelName(level));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("voter")]
    [InlineData("1")]
    public void Unknown_levels_do_not_parse(string? text) => Assert.False(ContactLabels.TryParseLevel(text, out _));

    [Fact]
    public void The_four_kinds_round_trip_and_are_labelled_in_Chinese()
    {
        foreach (var kind in Enum.GetValues<ContactKind>())
        {
            Assert.True(ContactLabels.TryParseKind(ContactLabels.KindName(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.Equal(["走访", "电话", "座谈", "网络"], Enum.GetValues<ContactKind>().Select(k => ContactLabels.Kind(k, false)));
        Assert.False(ContactLabels.TryParseKind("letter", out _));
    }

    [Fact]
    public void Workbook_cells_drop_what_xml_cannot_carry_and_keep_chinese()
    {
        Assert.Equal("王建国\uFFFD𠀀", XlsxWriter.CellText("王建国\u0001𠀀"));
        Assert.Equal("a\uFFFDb", XlsxWriter.CellText("a\ud800b"));
        Assert.Equal(32_767, XlsxWriter.CellText(new string('字', 40_000)).Length);
        Assert.Equal(["A", "Z", "AA", "AZ", "BA"], new[] { 0, 25, 26, 51, 52 }.Select(XlsxWriter.ColumnName));
    }
}
