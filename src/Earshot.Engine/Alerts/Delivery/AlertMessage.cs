using System.Globalization;
using Earshot.Core.Alerts;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>One alert event as every delivery format renders it.</summary>
public sealed record AlertMessage(
    Guid EventId,
    string Type,
    DateTime At,
    Guid AlertId,
    string Topic,
    string Kind,
    string Status,
    DateTime StartedAt,
    DateTime? ClosedAt,
    int Count,
    AlertDetails Details)
{
    public static AlertMessage Of(AlertEvent alertEvent, Alert alert, string topic, AlertDetails details) => new(
        alertEvent.Id, alertEvent.Type, alertEvent.At, alert.Id, topic, alert.Kind, alert.Status, alert.StartedAt, alert.ClosedAt, alert.Count, details);

    /// <summary>"Volume spike on Billing: 60 posts since 10:02 UTC" — a one-line summary for chat and e-mail subjects.</summary>
    public string Headline
    {
        get
        {
            var what = Kind switch
            {
                "volume-spike" => "Volume spike",
                "negativity-spike" => "Negativity spike",
                "emerging-term" => "Emerging term",
                "silence" => "Silence",
                _ => Kind,
            };
            var measure = Kind == "negativity-spike" ? "negative posts" : "posts";
            var since = StartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            var verb = Type switch
            {
                AlertEventTypes.Opened => "",
                AlertEventTypes.Closed => "[closed] ",
                _ => "[update] ",
            };
            return $"{verb}{what} on {Topic}: {Count.ToString(CultureInfo.InvariantCulture)} {measure} since {since}";
        }
    }
}
