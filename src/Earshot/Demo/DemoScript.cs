using Earshot.Core.Topics;

namespace Earshot.Demo;

/// <summary>
/// The demo brand. Aurora Mobile is a fictional phone carrier with an app; Nimbus Telecom and Vela Wireless are its
/// competitors. What its customers say is in <c>DemoPosts.tsv</c>, who they are in <c>DemoCustomers.tsv</c>: both
/// written for Earshot (no third-party data), so they ship.
/// </summary>
internal static class DemoScript
{
    public const string Workspace = "Aurora Mobile";
    public const string OutageTopic = "Network outages";
    public static readonly string[] BrandNames = ["Aurora Mobile", "@AuroraMobile", "Aurora app"];
    public static readonly string[] Competitors = ["Nimbus Telecom", "Vela Wireless"];
    public static readonly string[] Teams = ["Care", "Billing", "Network", "Product"];

    // The brand's topic and one per competitor, so share of voice compares like with like.
    public static readonly (string Name, string Query, string Team, TopicKind Kind)[] Topics =
    [
        ("Aurora brand", "\"aurora mobile\" OR @AuroraMobile OR \"aurora app\" OR aurora", "Care", TopicKind.Brand),
        (OutageTopic, "(signal OR outage OR \"no service\" OR down OR \"sos only\") AND (aurora OR @AuroraMobile)", "Network", TopicKind.Other),
        ("Billing", "(bill* OR charge* OR refund* OR overcharged OR invoice*) AND (aurora OR @AuroraMobile)", "Billing", TopicKind.Other),
        ("Switching", "(switch* OR leaving OR cancel* OR moved) NEAR/6 (nimbus OR vela OR aurora)", "Care", TopicKind.Other),
        ("App feedback", "\"aurora app\" OR (app NEAR/3 (crash* OR update OR feature OR login OR \"dark mode\"))", "Product", TopicKind.Product),
        ("Nimbus Telecom", "\"nimbus telecom\" OR nimbus", "Care", TopicKind.Competitor),
        ("Vela Wireless", "\"vela wireless\" OR vela", "Care", TopicKind.Competitor),
    ];

}
