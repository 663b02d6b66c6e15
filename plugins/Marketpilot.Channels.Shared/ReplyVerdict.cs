namespace Marketpilot.Channels.Shared;

/// <summary>What an answer says about the request it answers: whether the server acted on it.</summary>
internal enum ReplyVerdict
{
    /// <summary>The server took the message.</summary>
    Accepted,

    /// <summary>The server did not act on it (a 4xx, 429, 503, an error in the server's own words): sending it again cannot repeat it.</summary>
    Refused,

    /// <summary>Nothing says either way (a proxy's 500/502/504, a 2xx the channel cannot read): the message may have gone out.</summary>
    Unclear,
}

/// <summary>How an answer is judged when the channel knows no better.</summary>
internal static class ReplyVerdicts
{
    /// <summary>2xx accepted; 4xx (408 and 429 included) and 503 refused; any other 5xx unclear.</summary>
    public static ReplyVerdict ByStatus(HttpReply reply) => reply switch
    {
        { IsSuccess: true } => ReplyVerdict.Accepted,
        { StatusCode: < 500 or 503 } => ReplyVerdict.Refused,
        _ => ReplyVerdict.Unclear,
    };
}
