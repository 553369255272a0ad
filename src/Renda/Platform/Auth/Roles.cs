namespace Renda.Platform.Auth;

/// <summary>The roles of DOMAIN.md. Identifiers are the ones used in code, API and audit trail.</summary>
public static class Roles
{
    public const string Representative = "representative";
    public const string StationManager = "station_manager";
    public const string CongressStaff = "congress_staff";
    public const string HandlingUnit = "handling_unit";
    public const string Leader = "leader";
    public const string FilingBody = "filing_body";
    public const string Expert = "expert";
    public const string SystemAdmin = "system_admin";
    public const string SecurityAdmin = "security_admin";
    public const string Auditor = "auditor";

    /// <summary>Every role a user account can hold (citizens have no account).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Representative, StationManager, CongressStaff, HandlingUnit, Leader, FilingBody, Expert,
        SystemAdmin, SecurityAdmin, Auditor,
    ];

    /// <summary>The three separated admin roles (三员分立).</summary>
    public static readonly IReadOnlyList<string> Admin = [SystemAdmin, SecurityAdmin, Auditor];

    public static string Label(string role, bool english) => (role, english) switch
    {
        (Representative, false) => "人大代表",
        (StationManager, false) => "联络站联络员",
        (CongressStaff, false) => "人大工作人员",
        (HandlingUnit, false) => "承办单位",
        (Leader, false) => "领导",
        (FilingBody, false) => "制定机关",
        (Expert, false) => "咨询专家",
        (SystemAdmin, false) => "系统管理员",
        (SecurityAdmin, false) => "安全管理员",
        (Auditor, false) => "审计管理员",
        (Representative, true) => "Representative",
        (StationManager, true) => "Station manager",
        (CongressStaff, true) => "Congress staff",
        (HandlingUnit, true) => "Handling unit",
        (Leader, true) => "Leader",
        (FilingBody, true) => "Filing body",
        (Expert, true) => "Expert",
        (SystemAdmin, true) => "System administrator",
        (SecurityAdmin, true) => "Security administrator",
        (Auditor, true) => "Auditor",
        _ => role,
    };
}
