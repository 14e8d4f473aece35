//! Gateways' answers made fit to log and keep: an SMS gateway or mail server may echo the message, and the message
//! carries secrets (a pay link's key, an invitation's token, a code).

use super::SendError;

/// What replaces a secret in a gateway's answer.
const BLOTTED: &str = "******";

/// A gateway's `answer` to the message `text`, fit for the log, the outbox's `last_error` and the order's timeline.
/// Gateways may echo the text, whole or in part, as it was or URL-encoded, and the text carries secrets: the pay
/// link's view key, an invitation's token (both 32 letters and digits, `random::token`), a lookup code (digits).
/// So every link in the answer goes whole, and every long token (16 or more letters, digits, `-` and `_`) and every
/// run of six or more digits that the text carries goes wherever it appears, however the link around it was written.
/// Short words and numbers of the answer's own (a status, an error's name) stay, for whoever reads why it failed.
fn blot(answer: &str, text: &str) -> String {
    let token_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let tokens = text
        .split(|c: char| !token_char(c))
        .filter(|run| run.len() >= 16 && run.bytes().any(|b| b.is_ascii_alphanumeric()));
    let codes = text.split(|c: char| !c.is_ascii_digit()).filter(|run| run.len() >= 6);
    tokens
        .chain(codes)
        .fold(blot_links(answer), |blotted, secret| blotted.replace(secret, BLOTTED))
}

/// `answer` with each `http://` or `https://` link, up to a space or a quote, replaced: a link the gateway echoed,
/// or one of its own (its request with the gateway's key), may carry a secret, and one cut short may carry a part.
fn blot_links(answer: &str) -> String {
    let mut blotted = String::with_capacity(answer.len());
    let mut rest = answer;
    while let Some(at) = ["https://", "http://"]
        .into_iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        blotted.push_str(&rest[..at]);
        blotted.push_str(BLOTTED);
        let link = &rest[at..];
        let end = link
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
            .unwrap_or(link.len());
        rest = &link[end..];
    }
    blotted.push_str(rest);
    blotted
}

/// A channel's error with its answer [`blot`]ted of what `text` carries (an SMS's text, an e-mail's subject and
/// body).
pub(super) fn blot_error(error: SendError, text: &str) -> SendError {
    match error {
        SendError::Refused(why) => SendError::Refused(blot(&why, text)),
        SendError::Unavailable(why) => SendError::Unavailable(blot(&why, text)),
    }
}

#[cfg(test)]
mod tests {
    use super::blot;

    const KEY: &str = "Xq3vT9bLm2Rk7WzP4nHc8YdF5sJa6GeU";

    #[test]
    fn a_code_a_gateway_echoes_is_blotted_out() {
        let text = "123456: AB12CD34 захиалгын код.";
        assert_eq!(
            blot("422: bad number for 123456: AB12CD34", text),
            "422: bad number for ******: AB12CD34"
        );
        assert_eq!(blot("503: busy", text), "503: busy");
        assert_eq!(blot("paid 25000 ok", "Захиалга AB12CD34: 25,000₮"), "paid 25000 ok");
    }

    #[test]
    fn links_keys_and_tokens_a_gateway_echoes_are_blotted_out() {
        let pay = format!("Захиалга D7K2M9PQ: 25,000₮. Төлөх: https://shop.mn/o/D7K2M9PQ/{KEY}");
        let invite = format!("Staff invitation: set your password within 24 h at https://shop.mn/admin/invite/{KEY}");
        let table = [
            // The text echoed as it was: the link goes whole.
            (
                format!("422 Unprocessable Entity: bad text: {pay}"),
                pay.as_str(),
                "422 Unprocessable Entity: bad text: Захиалга D7K2M9PQ: 25,000₮. Төлөх: ******".to_owned(),
            ),
            (
                format!("503 Service Unavailable: {invite}"),
                invite.as_str(),
                "503 Service Unavailable: Staff invitation: set your password within 24 h at ******".to_owned(),
            ),
            // URL-encoded, or the key alone: the key goes wherever it is.
            (
                format!("400: text=https%3A%2F%2Fshop.mn%2Fo%2FD7K2M9PQ%2F{KEY}&to=99112233"),
                pay.as_str(),
                "400: text=https%3A%2F%2Fshop.mn%2Fo%2FD7K2M9PQ%2F******&to=99112233".to_owned(),
            ),
            (
                format!("{{\"error\":\"bad token {KEY}\"}}"),
                invite.as_str(),
                "{\"error\":\"bad token ******\"}".to_owned(),
            ),
            // Cut short by the gateway: the part of the link goes too.
            (
                format!("422: text too long: {}", &pay[..pay.len() - 10]),
                pay.as_str(),
                "422: text too long: Захиалга D7K2M9PQ: 25,000₮. Төлөх: ******".to_owned(),
            ),
            // A link of the gateway's own, with its key.
            (
                "401: see \"http://sms.example/send?key=gw-secret\" for help".to_owned(),
                "hello",
                "401: see \"******\" for help".to_owned(),
            ),
            // The answer's own words and numbers stay, long ones too.
            (
                "422: INVALID_PHONE_NUMBER_FORMAT 99112233".to_owned(),
                pay.as_str(),
                "422: INVALID_PHONE_NUMBER_FORMAT 99112233".to_owned(),
            ),
        ];
        for (answer, text, blotted) in table {
            assert_eq!(blot(&answer, text), blotted, "{answer}");
            assert!(!blot(&answer, text).contains(&KEY[..8]), "{answer}");
        }
    }
}
